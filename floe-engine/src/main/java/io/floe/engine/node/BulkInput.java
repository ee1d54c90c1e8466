package io.floe.engine.node;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that reads in bulk only: a single byte is read as a bulk read of one. */
abstract class BulkInput extends InputStream {
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}

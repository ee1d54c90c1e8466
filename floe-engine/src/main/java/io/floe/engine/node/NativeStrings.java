package io.floe.engine.node;

import java.lang.ref.Reference;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * A NULL-terminated array of C strings (a program's argv or envp) in native memory that stays allocated while its
 * holder is reachable. jnr-ffi's own conversion of a {@code CharSequence[]} parameter frees its copy once the Java
 * object is unreachable, which the JIT may decide is before the native call returns: posix_spawn then read freed
 * memory, and a start failed with "error=14, Bad address" (about one in 500 in the guard process, whose small heap
 * is collected often). The caller holds this across the call and ends with {@link #release()}.
 */
final class NativeStrings {
    private final Pointer array;
    /** The strings the array points to: held so that they are not freed before the array. */
    private final List<Pointer> strings;

    private NativeStrings(Pointer array, List<Pointer> strings) {
        this.array = array;
        this.strings = strings;
    }

    static NativeStrings of(Runtime runtime, List<? extends CharSequence> values) {
        int size = runtime.addressSize();
        Pointer array = Memory.allocateDirect(runtime, (values.size() + 1) * size, true); // zeroed: ends with NULL
        List<Pointer> strings = new ArrayList<>(values.size());
        Charset charset = Charset.defaultCharset(); // as the JDK's own process start encodes them on this platform
        for (int i = 0; i < values.size(); i++) {
            byte[] bytes = values.get(i).toString().getBytes(charset);
            Pointer s = Memory.allocateDirect(runtime, bytes.length + 1, true);
            s.put(0, bytes, 0, bytes.length);
            array.putAddress((long) i * size, s.address());
            strings.add(s);
        }
        return new NativeStrings(array, strings);
    }

    Pointer pointer() {
        return array;
    }

    /** Marks the end of the native call that read the strings: until here they are not freed. */
    void release() {
        Reference.reachabilityFence(this); // and through it the array and the strings
    }
}

package net.sf.json;

/** Stand-in for {@code net.sf.json.JSONObject} (compile only): a submitted form. */
public final class JSONObject {
    private JSONObject() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public boolean has(String key) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public JSONObject getJSONObject(String key) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}

package org.nnft.cli.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers to build JSON documents as ordered maps and lists. */
public final class Json {
    private Json() {
    }

    /** An ordered map from alternating keys and values. */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** {"value": v, "error": e}. */
    public static Map<String, Object> valueError(double value, double error) {
        return object("value", value, "error", error);
    }

    /**
     * A copy in which non-finite doubles become null (JSON has no NaN) and arrays become lists.
     */
    static Object sanitize(Object o) {
        if (o instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (o instanceof Float f) {
            return Float.isFinite(f) ? f : null;
        }
        if (o instanceof double[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (double v : a) {
                l.add(sanitize(v));
            }
            return l;
        }
        if (o instanceof int[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (int v : a) {
                l.add(v);
            }
            return l;
        }
        if (o instanceof Object[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (Object v : a) {
                l.add(sanitize(v));
            }
            return l;
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), sanitize(v)));
            return out;
        }
        if (o instanceof Collection<?> c) {
            List<Object> l = new ArrayList<>(c.size());
            for (Object v : c) {
                l.add(sanitize(v));
            }
            return l;
        }
        return o;
    }
}

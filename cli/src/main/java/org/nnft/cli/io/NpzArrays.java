package org.nnft.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import org.nnft.engine.io.NpyFile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numeric content of a result's {@code results} block as named NumPy arrays, by one rule for every command,
 * so that a Python user finds each JSON number in an array of the same name (written from the same double):
 * <ul>
 * <li>an object's entries are named {@code parent.key};</li>
 * <li>a number is a 0-d array; a (nested, rectangular) list of numbers an n-d array: {@code <i8} when every
 * entry is an integer, else {@code <f8} with JSON's null as NaN;</li>
 * <li>a list of lists of unequal length (the tuples of several orders) is padded, with -1 ({@code <i8}) or NaN
 * ({@code <f8}), and its lengths go to {@code NAME.length};</li>
 * <li>a list of objects is stored by column: {@code NAME.key} holds entry i's {@code key} at index i (a missing
 * entry or key is null);</li>
 * <li>strings and booleans are left out (they are in the JSON text the exporter stores beside the arrays).</li>
 * </ul>
 * The Python twin of this rule is {@code flatten} in {@code python/test_reader.py}.
 */
public final class NpzArrays {
    private NpzArrays() {
    }

    /** The arrays of {@code node} under {@code prefix} (empty: no prefix), as .npy bytes by name, in order. */
    public static Map<String, byte[]> of(String prefix, JsonNode node) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        flatten(prefix, node, out);
        return out;
    }

    private static void flatten(String name, JsonNode node, Map<String, byte[]> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(name.isEmpty() ? e.getKey() : name + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isNumber()) {
            out.put(name, node.isIntegralNumber() ? NpyFile.encode(new int[0], new long[]{node.asLong()})
                    : NpyFile.encode(new int[0], new double[]{node.asDouble()}));
        } else if (node.isArray()) {
            if (isTable(node)) {
                columns(name, node, out);
            } else {
                numeric(name, node, out);
            }
        }
    }

    /** A non-empty list whose entries are objects or null, at least one an object. */
    private static boolean isTable(JsonNode list) {
        boolean any = false;
        for (JsonNode e : list) {
            if (e.isObject()) {
                any = true;
            } else if (!e.isNull()) {
                return false;
            }
        }
        return any;
    }

    private static void columns(String name, JsonNode list, Map<String, byte[]> out) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode e : list) {
            e.fieldNames().forEachRemaining(keys::add);
        }
        for (String key : keys) {
            ArrayNode column = JsonNodeFactory.instance.arrayNode();
            for (JsonNode e : list) {
                JsonNode v = e.get(key);
                column.add(v == null ? NullNode.getInstance() : v);
            }
            flatten(name + "." + key, column, out);
        }
    }

    /** A list of numbers, or of lists of numbers (rectangular at any depth, or ragged at depth 2). */
    private static void numeric(String name, JsonNode list, Map<String, byte[]> out) {
        List<Integer> shape = new ArrayList<>();
        List<JsonNode> leaves = new ArrayList<>();
        if (rectangular(list, 0, shape, leaves)
                && leaves.size() == shape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b)) {
            write(name, shape.stream().mapToInt(Integer::intValue).toArray(), leaves, out);
            return;
        }
        int width = 0;
        long[] lengths = new long[list.size()];
        for (int i = 0; i < list.size(); i++) {
            JsonNode row = list.get(i);
            if (!row.isArray()) {
                return;
            }
            for (JsonNode v : row) {
                if (!v.isNumber() && !v.isNull()) {
                    return;
                }
            }
            lengths[i] = row.size();
            width = Math.max(width, row.size());
        }
        List<JsonNode> padded = new ArrayList<>();
        boolean integral = allIntegral(list);
        for (JsonNode row : list) {
            for (int j = 0; j < width; j++) {
                padded.add(j < row.size() ? row.get(j) : integral ? JsonNodeFactory.instance.numberNode(-1)
                        : NullNode.getInstance());
            }
        }
        write(name, new int[]{list.size(), width}, padded, out);
        out.put(name + ".length", NpyFile.encode(new int[]{lengths.length}, lengths));
    }

    private static boolean rectangular(JsonNode node, int depth, List<Integer> shape, List<JsonNode> leaves) {
        if (!node.isArray()) {
            if (depth != shape.size() || !(node.isNumber() || node.isNull())) {
                return false;
            }
            leaves.add(node);
            return true;
        }
        if (depth == shape.size()) {
            shape.add(node.size());
        } else if (depth > shape.size() || shape.get(depth) != node.size()) {
            return false;
        }
        for (JsonNode e : node) {
            if (!rectangular(e, depth + 1, shape, leaves)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allIntegral(JsonNode list) {
        for (JsonNode row : list) {
            for (JsonNode v : row) {
                if (!v.isIntegralNumber()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void write(String name, int[] shape, List<JsonNode> leaves, Map<String, byte[]> out) {
        boolean integral = !leaves.isEmpty() && leaves.stream().allMatch(JsonNode::isIntegralNumber);
        if (integral) {
            out.put(name, NpyFile.encode(shape, leaves.stream().mapToLong(JsonNode::asLong).toArray()));
        } else {
            out.put(name, NpyFile.encode(shape, leaves.stream()
                    .mapToDouble(v -> v.isNull() ? Double.NaN : v.asDouble()).toArray()));
        }
    }
}

package org.nnft.gpu.cuda;

import org.nnft.engine.BackendUnavailableException;

import java.util.List;
import java.util.Locale;

/** Chooses a device ordinal from the backend option {@code device}: an index or a case-insensitive name substring. */
final class DeviceSelector {
    private DeviceSelector() {
    }

    /** The ordinal among {@code names} that {@code spec} selects; null or blank selects device 0. */
    static int select(String spec, List<String> names) {
        if (names.isEmpty()) {
            throw new BackendUnavailableException("cuda: no CUDA device");
        }
        if (spec == null || spec.isBlank()) {
            return 0;
        }
        String s = spec.trim();
        if (s.chars().allMatch(Character::isDigit)) {
            int index;
            try {
                index = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (index < 0 || index >= names.size()) {
                throw new BackendUnavailableException("cuda: device index " + s + " out of range; devices: "
                        + listing(names));
            }
            return index;
        }
        String needle = s.toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).contains(needle)) {
                return i;
            }
        }
        throw new BackendUnavailableException("cuda: no device name contains '" + s + "'; devices: " + listing(names));
    }

    private static String listing(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(i).append(": ").append(names.get(i));
        }
        return sb.toString();
    }
}

package org.nnft.cli.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child-process main for {@link OutputSetTest}: stages a new content for the file named by its argument,
 * says "staged" on stdout and waits to be killed by a signal before committing.
 */
public final class StageAndWait {
    private StageAndWait() {
    }

    public static void main(String[] args) throws InterruptedException {
        OutputSet set = new OutputSet();
        set.write(Path.of(args[0]), "{\"new\": true}".getBytes(StandardCharsets.UTF_8));
        set.write(Path.of(args[0] + ".png"), new byte[]{1, 2, 3});
        System.out.println("staged");
        System.out.flush();
        Thread.sleep(60_000);
        set.commit();
    }
}

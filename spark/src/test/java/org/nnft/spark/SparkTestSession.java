package org.nnft.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one local-mode Spark session of this module's tests ({@code local[2]}, no UI), started on first use and
 * shared by all test classes of the JVM: Spark starts in seconds, once.
 */
final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {
    }

    static synchronized JavaSparkContext context() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("nnft-spark-tests")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2").getOrCreate();
        }
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }
}

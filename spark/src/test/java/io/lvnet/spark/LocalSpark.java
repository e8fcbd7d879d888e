package io.lvnet.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for all tests of this module (starting Spark takes seconds). */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("lvnet-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.hadoop.fs." + TestFs.SCHEME + ".impl", TestFs.class.getName())
                    .getOrCreate();
        }
        return session;
    }
}

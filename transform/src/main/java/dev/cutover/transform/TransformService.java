package dev.cutover.transform;

import dev.cutover.schemas.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transform stage: consume-transform-produce from the raw topic to the row topic with Kafka transactions, so
 * every raw event becomes exactly one row change (or one dead letter) however often a worker dies. Stateless: each
 * event is transformed by the plan alone, so workers scale with the raw topic's partitions.
 */
public final class TransformService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransformService.class);

    private final TransformConfig config;
    private final RowTransformer transformer;
    private final TransformListener listener;
    private final List<TransformWorker> workers = new ArrayList<>();
    private final ExecutorService threads;

    public TransformService(TransformConfig config, Plan plan, TransformListener listener) {
        this.config = config;
        this.transformer = new RowTransformer(plan);
        this.listener = listener;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(config.workers(),
                r -> new Thread(r, "cutover-transform-" + n.getAndIncrement()));
    }

    public void start() {
        for (int i = 0; i < config.workers(); i++) {
            TransformWorker worker = new TransformWorker(config, i, transformer, listener);
            workers.add(worker);
            threads.execute(worker);
        }
        LOG.info("transform: {} workers consuming {}", config.workers(), config.topics().raw());
    }

    /** Stops the workers after their current transaction. */
    @Override
    public void close() {
        workers.forEach(TransformWorker::stop);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("transform workers did not stop within 10 s (Kafka or PostgreSQL unreachable?); interrupting them");
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

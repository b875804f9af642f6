package dev.cutover.cli;

import picocli.CommandLine.Option;

/**
 * {@code --kafka}, declared once for every command that reaches Kafka. Where a command means something else by it, its
 * help says so in {@code OptionTexts.properties} (keyed by the command's name).
 */
final class KafkaOption {
    @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
            description = "Kafka bootstrap servers, e.g. localhost:9092. Default: an embedded broker in the work "
                    + "directory.")
    String bootstrap;
}

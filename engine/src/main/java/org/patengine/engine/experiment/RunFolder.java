package org.patengine.engine.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.patengine.engine.report.AtomicFiles;
import org.patengine.engine.report.ConfusionMatrix;
import org.patengine.engine.report.Plots;

/**
 * The folder a run writes: {@code config.json} (the resolved configuration), {@code metrics.jsonl}
 * and {@code metrics.csv} (one line per epoch), {@code checkpoint.bin} (written each epoch),
 * {@code best.bin} (the epoch with the best validation accuracy on the physical system),
 * {@code curves.png}, {@code confusion.png} and {@code summary.json}. Every file is replaced
 * atomically; the metrics files are rewritten whole from memory, so a killed run never leaves a
 * half-written line.
 */
public final class RunFolder {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    private final Path dir;
    private final List<EpochRecord> epochs = new ArrayList<>();

    public RunFolder(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path config() {
        return dir.resolve("config.json");
    }

    public Path checkpoint() {
        return dir.resolve("checkpoint.bin");
    }

    /** The checkpoint of the epoch with the best validation accuracy on the physical system. */
    public Path best() {
        return dir.resolve("best.bin");
    }

    public Path summary() {
        return dir.resolve("summary.json");
    }

    public Path metricsJsonl() {
        return dir.resolve("metrics.jsonl");
    }

    public List<EpochRecord> epochs() {
        return List.copyOf(epochs);
    }

    public void writeConfig(ExperimentConfig c) throws IOException {
        AtomicFiles.writeString(config(), c.toJson() + "\n");
    }

    /** Reads back the metrics of epochs already done (for a resumed run), keeping the first {@code keep}. */
    public void loadEpochs(int keep) throws IOException {
        epochs.clear();
        if (!Files.exists(metricsJsonl())) {
            return;
        }
        List<EpochRecord> saved = parse(metricsJsonl());
        epochs.addAll(saved.subList(0, Math.min(keep, saved.size())));
        if (epochs.size() < keep) {
            throw new IOException(metricsJsonl() + ": has " + epochs.size() + " epochs, the checkpoint " + keep);
        }
    }

    /** The metrics of every epoch recorded in a run folder's metrics.jsonl. */
    public static List<EpochRecord> readEpochs(Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        if (!Files.exists(file)) {
            throw new IOException(file + " is missing: is " + dir + " a run folder written by pat train?");
        }
        return parse(file);
    }

    private static List<EpochRecord> parse(Path metricsJsonl) throws IOException {
        List<EpochRecord> out = new ArrayList<>();
        for (String line : Files.readAllLines(metricsJsonl)) {
            if (!line.isBlank()) {
                out.add(JSON_LINE.readValue(line, EpochRecord.class));
            }
        }
        return out;
    }

    /** Adds an epoch and rewrites metrics.jsonl, metrics.csv and curves.png. */
    public void addEpoch(EpochRecord r) throws IOException {
        epochs.add(r);
        StringBuilder jsonl = new StringBuilder();
        StringBuilder csv = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        for (EpochRecord e : epochs) {
            jsonl.append(JSON_LINE.writeValueAsString(e)).append('\n');
            csv.append(e.csv()).append('\n');
        }
        AtomicFiles.writeString(metricsJsonl(), jsonl.toString());
        AtomicFiles.writeString(dir.resolve("metrics.csv"), csv.toString());
        int n = epochs.size();
        double[] x = new double[n];
        double[] trainLoss = new double[n];
        double[] trainAcc = new double[n];
        double[] phys = new double[n];
        double[] model = new double[n];
        double[] agree = new double[n];
        for (int i = 0; i < n; i++) {
            EpochRecord e = epochs.get(i);
            x[i] = e.epoch();
            trainLoss[i] = e.trainLoss();
            trainAcc[i] = e.trainAcc();
            phys[i] = e.valPhysicalAcc();
            model[i] = e.valModelAcc();
            agree[i] = e.valAgreement();
        }
        Plots.lines(dir.resolve("curves.png"), "accuracy", "epoch", "fraction", x,
                Plots.series("validation, on the physical system", phys, "validation, on the digital model", model,
                        "validation, agreement", agree, "training (the mode's forward pass)", trainAcc));
        Plots.lines(dir.resolve("loss.png"), "training loss", "epoch", "loss", x, Plots.series("train loss", trainLoss));
    }

    /** Writes the final summary and the confusion matrix (test set, on the physical system). */
    public void writeSummary(Object summary, ConfusionMatrix confusion) throws IOException {
        AtomicFiles.writeString(summary(), JSON.writeValueAsString(summary) + "\n");
        if (confusion != null) {
            Plots.confusion(dir.resolve("confusion.png"), "test set, on the physical system", confusion);
        }
    }
}

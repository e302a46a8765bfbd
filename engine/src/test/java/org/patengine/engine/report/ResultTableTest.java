package org.patengine.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The markdown results table that pat compare writes and pat eval --sweep prints. */
class ResultTableTest {

    @Test
    void meanAndSampleStandardDeviationInPercent() {
        assertEquals("50.00 %", ResultTable.meanSd(new double[] {0.5}), "one seed: the value alone");
        // mean 0.5, sample sd sqrt(((0.1)^2 + (0.1)^2) / 1) = 0.1414
        assertEquals("50.00 ± 14.14 %", ResultTable.meanSd(new double[] {0.4, 0.6}));
        assertEquals("97.40 %", ResultTable.percent(0.974));
        assertThrows(IllegalArgumentException.class, () -> ResultTable.meanSd(new double[0]));
    }

    @Test
    void rendersTitleHeadingSeparatorAndRows() {
        ResultTable t = new ResultTable("title, 2 epochs", List.of("mode", "accuracy"));
        t.add(List.of("pat", "50.00 %")).add(List.of("insilico", "40.00 %"));
        assertEquals("title, 2 epochs\n| mode | accuracy |\n|---|---|\n| pat | 50.00 % |\n| insilico | 40.00 % |\n", t.markdown());
        assertEquals("| knob | a | b |\n|---|---|---|\n", ResultTable.header(List.of("knob", "a", "b")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.add(List.of("one")));
        assertTrue(e.getMessage().contains("a row of 1 cells for 2 columns"), e.getMessage());
    }
}

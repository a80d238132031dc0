package org.lockmc.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockmc.check.CheckResult;

/**
 * lockmc's own splats read back: every report the printer writes parses into the same chain and
 * is reproduced by its model with the same verdict.
 */
class SplatRoundTripTest {
  private static LockdepModels models;

  @BeforeAll
  static void compile() {
    models = LockdepModels.compile();
  }

  @Test
  void everyPrintedSplatParsesAndReproducesWithTheSameVerdict() {
    int splats = 0;
    for (String name : models.names()) {
      CheckResult r = models.check(name);
      LockdepReport report = r.lockdep();
      SplatPrinter printer = new SplatPrinter(report.graph(), name, report.rules());
      for (LockdepReport.Circular c : report.circular()) {
        ParsedSplat p = SplatParser.parse(printer.print(c.cycle()), name);
        assertEquals(c.cycle().classNames(), p.path(), name);
        assertEquals(c.cycle().closing().record().task(), p.task(), name);
        assertEquals(c.cycle().depth() >= 2 ? 3 : 0, p.chainExists().size(), name);
        assertEquals(4, p.scenario().size(), name);
        SplatReproduction.Result a = SplatReproduction.check(p, report);
        assertEquals(c.classification().kind().name(), a.answer().name(), name);
        splats++;
      }
      MisuseSplatPrinter misuse = new MisuseSplatPrinter(report.graph(), name, report.rules());
      for (LockdepReport.Recursive rec : report.recursive()) {
        ParsedSplat p = SplatParser.parse(misuse.print(rec.report()), name);
        assertEquals(ParsedSplat.Kind.RECURSIVE, p.kind());
        assertEquals(rec.report().lockClass().displayName(), p.acquiring().name());
        assertEquals(rec.classification().kind().name(),
            SplatReproduction.check(p, report).answer().name(), name);
        splats++;
      }
    }
    assertTrue(splats >= 8, splats + " splats read back");
  }
}

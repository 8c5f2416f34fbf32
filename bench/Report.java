import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the rows that bench/Load.java (and bench/run.sh) wrote into markdown: one table per operation, each row a
 * target, with the ratios the goals are stated in (Berth / distribution, Berth / ceiling).
 *
 * <p>{@code java bench/Report.java --results results.tsv [--meta meta.tsv]}. meta.tsv holds "key TAB value"
 * lines printed as the run's header (machine, versions, load average).
 */
public final class Report {
  static final String SUBJECT = "berth";
  static final String REFERENCE = "distribution";
  static final String STATIC_CEILING = "nginx";
  static final String PUSH_CEILING = "openssl";

  record Row(String op, String kase, String target, long n, long errors, double seconds, double value, String unit,
      double p50, double p99, double cpu, String cpuUnit, String note) {
    static Row parse(String line) {
      String[] f = line.split("\t", -1);
      if (f.length < 13) throw new IllegalArgumentException("short results row: " + line);
      return new Row(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), num(f[5]), num(f[6]), f[7],
          num(f[8]), num(f[9]), num(f[10]), f[11], f[12]);
    }

    static double num(String s) {
      return s.isEmpty() || s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
    }
  }

  /** What each operation's table measures, in the words of bench/README.md. */
  static final Map<String, String> ABOUT = Map.ofEntries(
      Map.entry("push monolithic POST", "Blob push, monolithic: one `POST /v2/<name>/blobs/uploads/?digest=` "
          + "carrying the whole blob, sequential, a new blob each time."),
      Map.entry("push POST+PUT", "Blob push: `POST` opens an upload, one `PUT ?digest=` carries the whole blob."),
      Map.entry("push chunked 8 MiB", "Blob push, chunked: `POST`, then `PATCH` with 8 MiB chunks and "
          + "`Content-Range`, then `PUT ?digest=`."),
      Map.entry("pull blob c=1", "Blob pull (`GET /v2/<name>/blobs/<digest>`) on 1 connection."),
      Map.entry("pull blob c=8", "Blob pull on 8 connections at once; MB/s is all of them together."),
      Map.entry("HEAD blob", "`HEAD` of a 4 KiB blob, 16 connections in closed loop."),
      Map.entry("GET manifest by tag", "`GET /v2/<name>/manifests/<tag>` of a small OCI manifest, 16 connections."),
      Map.entry("PUT manifest", "`PUT` of a new small OCI manifest (unique annotation) to one tag per "
          + "connection, 16 connections."),
      Map.entry("PUT manifest, new tag", "The tag-list setup: `PUT` of one manifest under a new tag each time, "
          + "8 connections."),
      Map.entry("GET tags/list", "`GET /v2/<name>/tags/list` of a repository with all the tags above, "
          + "1 connection."));

  public static void main(String[] args) throws IOException {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    if (!o.containsKey("results")) {
      System.err.println("usage: java Report.java --results results.tsv [--meta meta.tsv]");
      System.exit(2);
    }
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(o.get("results")), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) rows.add(Row.parse(line));
    }
    StringBuilder md = new StringBuilder("# Berth benchmark\n\n");
    if (o.containsKey("meta")) {
      for (String line : Files.readAllLines(Path.of(o.get("meta")), StandardCharsets.UTF_8)) {
        String[] kv = line.split("\t", 2);
        if (kv.length == 2) md.append("- ").append(kv[0]).append(": ").append(kv[1]).append('\n');
      }
      md.append('\n');
    }
    new Report(rows, md).write();
    System.out.print(md);
  }

  private final List<Row> rows;
  private final StringBuilder md;
  private final double pushCeiling;

  Report(List<Row> rows, StringBuilder md) {
    this.rows = rows;
    this.md = md;
    this.pushCeiling = rows.stream().filter(r -> r.op.equals("ceiling") && r.target.equals(PUSH_CEILING))
        .mapToDouble(Row::value).findFirst().orElse(Double.NaN);
  }

  void write() {
    ceilings();
    goals();
    Map<String, List<Row>> byOp = new LinkedHashMap<>();
    for (Row r : rows) if (!r.op.equals("ceiling")) byOp.computeIfAbsent(r.op, k -> new ArrayList<>()).add(r);
    for (var e : byOp.entrySet()) table(e.getKey(), e.getValue());
  }

  private void ceilings() {
    md.append("## Ceilings\n\n| what | measured by | MB/s | note |\n|---|---|---:|---|\n");
    for (Row r : rows) {
      if (!r.op.equals("ceiling")) continue;
      md.append("| ").append(r.kase).append(" | ").append(r.target).append(r.target.equals(PUSH_CEILING)
          ? " (push ceiling)" : "").append(" | ").append(fmt(r.value)).append(" | ").append(r.note).append(" |\n");
    }
    md.append("\nPull ceiling: nginx serving the same bytes from a file with `sendfile on` (the `nginx` rows).\n\n");
  }

  /** Issue 2's goals for Berth: pull and push at 0.9 of their ceilings, small operations at 2x distribution. */
  private void goals() {
    md.append("## Goals (issue 2)\n\n");
    List<String> lines = new ArrayList<>();
    for (Row r : rows) {
      if (!r.target.equals(SUBJECT) || r.op.equals("ceiling")) continue;
      boolean bulk = r.op.startsWith("push") || r.op.startsWith("pull");
      if (bulk && !r.kase.equals(largestCase(r.op))) continue; // the bulk goals are about large blobs
      double ratio;
      double goal;
      String against;
      if (bulk) {
        ratio = ceilingRatio(r);
        goal = 0.9;
        against = r.op.startsWith("push") ? "SHA-256 ceiling" : "nginx";
      } else {
        ratio = referenceRatio(r);
        goal = 2.0;
        against = REFERENCE;
      }
      lines.add("| " + r.op + " | " + r.kase + " | " + ratio(ratio) + " of " + against + " | " + ratio(goal) + " | "
          + (Double.isNaN(ratio) ? "—" : ratio >= goal ? "met" : "missed by " + pct(1 - ratio / goal)) + " |");
    }
    if (lines.isEmpty()) {
      md.append("Berth was not measured in this run.\n\n");
      return;
    }
    md.append("Push and pull are judged on the largest blob; every other operation against ").append(REFERENCE)
        .append(".\n\n| operation | case | Berth | goal | |\n|---|---|---:|---:|---|\n");
    lines.forEach(l -> md.append(l).append('\n'));
    md.append('\n');
  }

  /** The case with the most MiB among op's rows ("512 MiB"). */
  private String largestCase(String op) {
    String best = "";
    long most = -1;
    for (Row r : rows) {
      if (!r.op.equals(op) || !r.kase.endsWith(" MiB")) continue;
      long mib = Long.parseLong(r.kase.substring(0, r.kase.length() - 4));
      if (mib > most) {
        most = mib;
        best = r.kase;
      }
    }
    return best;
  }

  private void table(String op, List<Row> opRows) {
    String unit = opRows.get(0).unit;
    String cpuUnit = opRows.stream().map(Row::cpuUnit).filter(u -> !u.isEmpty()).findFirst().orElse("CPU");
    md.append("## ").append(op).append("\n\n");
    if (ABOUT.containsKey(op)) md.append(ABOUT.get(op)).append("\n\n");
    md.append("| case | target | ").append(unit).append(" | p50 ms | p99 ms | server ").append(cpuUnit)
        .append(" | ÷ ").append(REFERENCE).append(" | ÷ ceiling | n | note |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row r : opRows) {
      String note = r.note + (r.errors > 0 ? (r.note.isEmpty() ? "" : "; ") + r.errors + " errors" : "");
      md.append("| ").append(r.kase).append(" | ").append(r.target).append(" | ").append(fmt(r.value)).append(" | ")
          .append(ms(r.p50)).append(" | ").append(ms(r.p99)).append(" | ").append(fmt(r.cpu)).append(" | ")
          .append(r.target.equals(SUBJECT) ? ratio(referenceRatio(r)) : "").append(" | ")
          .append(r.target.equals(STATIC_CEILING) ? "(ceiling)" : ratio(ceilingRatio(r))).append(" | ").append(r.n)
          .append(" | ").append(note).append(" |\n");
    }
    md.append('\n');
  }

  private double referenceRatio(Row r) {
    return ratioTo(r, REFERENCE);
  }

  /** Push against one core's SHA-256; pull, HEAD and GET manifest against nginx; nothing else has a ceiling. */
  private double ceilingRatio(Row r) {
    if (r.op.startsWith("push")) return r.value / pushCeiling;
    if (r.op.startsWith("pull") || r.op.equals("HEAD blob") || r.op.equals("GET manifest by tag")) {
      return ratioTo(r, STATIC_CEILING);
    }
    return Double.NaN;
  }

  private double ratioTo(Row r, String target) {
    for (Row other : rows) {
      if (other.target.equals(target) && other.op.equals(r.op) && other.kase.equals(r.kase)) {
        return r.value / other.value;
      }
    }
    return Double.NaN;
  }

  static String fmt(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return "—";
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  static String ms(double v) {
    if (Double.isNaN(v)) return "—";
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 1 ? "%.2f" : "%.3f", v);
  }

  static String ratio(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "—" : String.format(Locale.ROOT, "%.2f×", v);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f%%", v * 100);
  }
}

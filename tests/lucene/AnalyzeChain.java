// Runs analyzer chains in real Lucene, for tests/test_engine_config.py.
//
// Solr 8 and Elasticsearch 7 both analyse with Lucene 8; neither can run in the tests, Lucene
// can (Debian's liblucene8-java). The test turns the generated Solr schema and Elasticsearch
// settings into chains of Lucene factory names and arguments; this program builds each chain
// with CustomAnalyzer (resource files such as stop words and synonyms are read from CONFIG_DIR,
// as Solr reads them from its conf directory) and prints the tokens of every input line.
//
// Usage: java AnalyzeChain CONFIG_DIR CHAIN_FILE...
//   A chain file has one component per line, fields separated by tabs:
//     tokenizer<TAB>spiName<TAB>key=value<TAB>...
//     filter<TAB>spiName<TAB>key=value<TAB>...
//     charfilter<TAB>spiName<TAB>key=value<TAB>...
//   stdin: one text per line (UTF-8). stdout: for every input line, one line per chain, in the
//   order given: the tokens, tab-separated, each "positionIncrement:positionLength:term".
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;

public final class AnalyzeChain {
  private AnalyzeChain() {}

  static Analyzer build(Path configDir, Path chainFile) throws IOException {
    CustomAnalyzer.Builder builder = CustomAnalyzer.builder(configDir);
    for (String line : Files.readAllLines(chainFile, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      Map<String, String> params = new HashMap<>();
      for (int i = 2; i < fields.length; i++) {
        int eq = fields[i].indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("no key=value: " + fields[i] + " in " + line);
        }
        params.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
      }
      switch (fields[0]) {
        case "tokenizer":
          builder.withTokenizer(fields[1], params);
          break;
        case "filter":
          builder.addTokenFilter(fields[1], params);
          break;
        case "charfilter":
          builder.addCharFilter(fields[1], params);
          break;
        default:
          throw new IllegalArgumentException("unknown component kind: " + line);
      }
    }
    return builder.build();
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: java AnalyzeChain CONFIG_DIR CHAIN_FILE...");
      System.exit(2);
    }
    Path configDir = Paths.get(args[0]);
    List<Analyzer> analyzers = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      analyzers.add(build(configDir, Paths.get(args[i])));
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BufferedWriter out =
        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    String text;
    while ((text = in.readLine()) != null) {
      for (Analyzer analyzer : analyzers) {
        StringBuilder line = new StringBuilder();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
          CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
          PositionIncrementAttribute increment =
              stream.addAttribute(PositionIncrementAttribute.class);
          PositionLengthAttribute length = stream.addAttribute(PositionLengthAttribute.class);
          stream.reset();
          while (stream.incrementToken()) {
            if (line.length() > 0) {
              line.append('\t');
            }
            line.append(increment.getPositionIncrement())
                .append(':')
                .append(length.getPositionLength())
                .append(':')
                .append(term);
          }
          stream.end();
        }
        out.write(line.toString());
        out.write('\n');
      }
    }
    out.flush();
  }
}

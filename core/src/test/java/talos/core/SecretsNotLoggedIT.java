package talos.core;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import talos.core.support.IssuedSecrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs last and searches every log of the test run (the in-process tests' log and the logs of the
 * server processes) for any sign-in link, session, API token or station key the tests were given,
 * and for anything shaped like one.
 */
@Order(Integer.MAX_VALUE)
class SecretsNotLoggedIT {

  private static final Pattern SECRET_SHAPE = Pattern.compile("t(ml|ss|at|sk)_[A-Za-z0-9_-]{43}");

  @Test
  void testNoLogOfTheRunHoldsASecret() throws IOException {
    List<String> secrets = IssuedSecrets.all();
    List<Path> logs;
    try (Stream<Path> files = Files.list(IssuedSecrets.logFolder())) {
      logs = files.filter(file -> file.toString().endsWith(".log")).toList();
    }

    assertThat(secrets).as("secrets the tests were given").hasSizeGreaterThan(50);
    assertThat(logs).as("logs of the run").isNotEmpty();
    List<String> findings = new ArrayList<>();
    for (Path log : logs) {
      String text = Files.readString(log);
      secrets.stream().filter(text::contains).forEach(secret -> findings.add(log.getFileName() + ": issued secret"));
      Matcher shape = SECRET_SHAPE.matcher(text);
      while (shape.find()) {
        String value = shape.group();
        // forged values made of one repeated letter are the tests' own probes
        if (!value.substring(4).chars().allMatch(c -> c == value.charAt(4))) {
          findings.add(log.getFileName() + ": secret-shaped " + value.substring(0, 8) + "…");
        }
      }
    }
    assertThat(findings).isEmpty();
  }
}

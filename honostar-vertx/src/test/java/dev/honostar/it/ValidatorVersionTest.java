package dev.honostar.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate Validator logs its version ({@code HV000001}) from the manifest entry of the
 * package of its {@code Version} class. A fat jar keeps only our manifest, so the parent POM
 * gives that package a section with the version; this fails when the section is missing or no
 * longer names the package the class is in (after an upgrade), which would bring back
 * "HV000001: Hibernate Validator null".
 */
class ValidatorVersionTest {

  @Test
  void theFatJarsManifestSectionNamesThePackageOfTheVersionClass() throws Exception {
    String pom = Files.readString(Path.of("").toAbsolutePath().resolve("../pom.xml").normalize());
    String pkg = org.hibernate.validator.internal.util.Version.class.getPackageName().replace('.', '/') + "/";
    assertThat(pom).contains("<name>" + pkg + "</name>");
    String section = pom.substring(pom.indexOf("<name>" + pkg + "</name>"));
    assertThat(section.substring(0, section.indexOf("</manifestSection>")))
      .contains("<Implementation-Version>${hibernate-validator.version}</Implementation-Version>");
  }
}

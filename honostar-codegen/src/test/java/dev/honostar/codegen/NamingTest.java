package dev.honostar.codegen;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NamingTest {

  @ParameterizedTest
  @CsvSource({
      "NewIssue, new-issue",
      "Issues, issues",
      "HTMLExport, html-export",
      "Oauth2Callback, oauth2-callback",
      "Top10, top10",
      "V2Api, v2-api",
      "IOError, io-error",
      "Sign_In, sign-in",
      "A, a",
  })
  void kebab(String className, String segment) {
    assertThat(Naming.kebab(className)).isEqualTo(segment);
  }

  @ParameterizedTest
  @CsvSource({
      "new-issue, newIssue",
      "issues, issues",
      "issue_id, issueId",
      "API, api",
      "sitemap.xml, sitemapXml",
      "html-export, htmlExport",
      "2fa, 2fa",
  })
  void camel(String segment, String name) {
    assertThat(Naming.camel(segment)).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource({
      "new, new_",
      "class, class_",
      "href, href_",
      "getClass, getClass_",
      "2fa, _2fa",
      "issues, issues",
  })
  void javaNames(String camel, String java) {
    assertThat(Naming.javaName(camel, Naming.NODE_RESERVED)).isEqualTo(java);
  }

  @ParameterizedTest
  @CsvSource({
      "issues, ISSUES",
      "issues.byId.comments, ISSUES_BY_ID_COMMENTS",
      "issues.new_, ISSUES_NEW",
      "adminTools.htmlExport, ADMIN_TOOLS_HTML_EXPORT",
  })
  void constants(String dotted, String constant) {
    assertThat(Naming.constant(java.util.List.of(dotted.split("\\.")))).isEqualTo(constant);
  }

  @ParameterizedTest
  @CsvSource({
      "_id, PARAM, id",
      "_issue_id, PARAM, issue_id",
      "__rest, CATCH_ALL, rest",
      "__path, CATCH_ALL, path",
      "issues, STATIC, issues",
      "admin_tools, STATIC, admin-tools",
  })
  void packageSegments(String pkg, Segment.Kind kind, String name) {
    assertThat(RouteProcessor.packageSegment(pkg)).isEqualTo(new Segment(kind, name));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/ | /",
      "/sign-in | /sign-in",
      "/issues/:id | /issues/:id",
      "/files/* | /files/*",
      "/sitemap.xml | /sitemap.xml",
  })
  void validRoutes(String route, String path) {
    assertThat(Segment.path(Segment.parseRoute(route))).isEqualTo(path);
    assertThat(Set.of(Segment.shape(Segment.parseRoute("/issues/:id")))).containsExactly("/issues/:");
  }
}

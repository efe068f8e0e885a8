package dev.honostar.test.impl;

import io.vertx.core.buffer.Buffer;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A form's data as a browser collects and encodes it. */
final class FormData {

  private FormData() {
  }

  /** The form's successful controls, as FormData collects them. */
  static List<String[]> formData(Element form, Element submitter) {
    List<String[]> out = new ArrayList<>();
    for (Element el : form.select("input, select, textarea, button")) {
      String name = el.attr("name");
      if (name.isEmpty() || el.hasAttr("disabled") || el.closest("fieldset[disabled]") != null) {
        continue;
      }
      String tag = el.normalName();
      String type = el.attr("type").toLowerCase(Locale.ROOT);
      switch (tag) {
        case "button" -> {
          if (el == submitter) {
            out.add(new String[] {name, el.attr("value")});
          }
        }
        case "textarea" -> out.add(new String[] {name, el.wholeText()});
        case "select" -> {
          Elements selected = el.select("option[selected]");
          if (selected.isEmpty() && !el.hasAttr("multiple")) {
            Element first = el.selectFirst("option");
            if (first != null) {
              selected = new Elements(first);
            }
          }
          for (Element o : selected) {
            out.add(new String[] {name, o.hasAttr("value") ? o.attr("value") : o.text()});
          }
        }
        default -> {
          switch (type) {
            case "submit", "image", "button", "reset" -> {
              if (el == submitter && !type.equals("reset") && !type.equals("button")) {
                out.add(new String[] {name, el.attr("value")});
              }
            }
            case "checkbox", "radio" -> {
              if (el.hasAttr("checked")) {
                out.add(new String[] {name, el.hasAttr("value") ? el.attr("value") : "on"});
              }
            }
            case "file" -> { }
            default -> out.add(new String[] {name, el.attr("value")});
          }
        }
      }
    }
    return out;
  }

  static String urlencode(List<String[]> fields) {
    StringBuilder sb = new StringBuilder();
    for (String[] f : fields) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(f[0], StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(f[1], StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  /** A file chosen for a file input. */
  record FilePart(String name, String fileName, String contentType, byte[] content) {
  }

  /** Whether the form posts {@code multipart/form-data}. */
  static boolean multipart(Element form) {
    return form.attr("enctype").equalsIgnoreCase("multipart/form-data");
  }

  /**
   * The form's file inputs as a browser sends them: the chosen file, or an empty part without a
   * name for an input with none.
   */
  static List<FilePart> files(Element form, Map<Element, FilePart> chosen) {
    List<FilePart> out = new ArrayList<>();
    for (Element el : form.select("input[type=file]")) {
      String name = el.attr("name");
      if (name.isEmpty() || el.hasAttr("disabled") || el.closest("fieldset[disabled]") != null) {
        continue;
      }
      FilePart file = chosen.get(el);
      out.add(file != null ? new FilePart(name, file.fileName(), file.contentType(), file.content())
        : new FilePart(name, "", "application/octet-stream", new byte[0]));
    }
    return out;
  }

  /** A multipart body: the fields first (the CSRF field among them), then the files. */
  static Buffer multipart(List<String[]> fields, List<FilePart> files, String boundary) {
    Buffer body = Buffer.buffer();
    for (String[] f : fields) {
      body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(f[0]) + "\"\r\n\r\n")
        .appendString(f[1]).appendString("\r\n");
    }
    for (FilePart f : files) {
      body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(f.name()) + "\"; filename=\""
          + quote(f.fileName()) + "\"\r\nContent-Type: " + f.contentType() + "\r\n\r\n")
        .appendBytes(f.content()).appendString("\r\n");
    }
    return body.appendString("--" + boundary + "--\r\n");
  }

  /** As browsers escape names in a multipart header. */
  private static String quote(String s) {
    return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** The button an Enter key would submit the form with: its first submit button. */
  static Element firstSubmitButton(Element form) {
    for (Element b : form.select("button, input[type=submit], input[type=image]")) {
      if (!b.normalName().equals("button") || b.attr("type").isEmpty() || b.attr("type").equalsIgnoreCase("submit")) {
        return b;
      }
    }
    return null;
  }
}

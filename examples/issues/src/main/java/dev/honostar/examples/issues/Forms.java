package dev.honostar.examples.issues;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The inputs of the commands, bound from form fields (no JavaScript) or from a Datastar form
 * post, and validated with Jakarta Bean Validation. A failure answers the tab with the
 * {@code errors.<form>.<field>} signals of the form it came from ({@code {{formKey}}}), or
 * redirects a plain form back with {@code @errors}.
 */
public final class Forms {

  private Forms() {
  }

  static String strip(String s) {
    return s == null ? "" : s.strip();
  }

  public record Signup(
    @NotBlank(message = "Tell us your name") @Size(max = 100, message = "Use at most 100 characters") String name,
    @NotBlank(message = "Enter your e-mail address") @Email(message = "This is not an e-mail address")
    @Size(max = 254, message = "Use at most 254 characters") String email,
    @NotBlank(message = "Choose a password") @Size(min = 8, max = 72, message = "Use 8 to 72 characters") String password) {
    public Signup {
      name = strip(name);
      email = strip(email);
      password = password == null ? "" : password;
    }
  }

  public record Login(
    @NotBlank(message = "Enter your e-mail address") String email,
    @NotBlank(message = "Enter your password") String password) {
    public Login {
      email = strip(email);
      password = password == null ? "" : password;
    }
  }

  public record IssueInput(
    @NotBlank(message = "Give the issue a title") @Size(max = 200, message = "Use at most 200 characters") String title,
    @Size(max = 10000, message = "Use at most 10000 characters") String description) {
    public IssueInput {
      title = strip(title);
      description = strip(description);
    }
  }

  public record StatusInput(
    @NotBlank @Pattern(regexp = "open|closed", message = "Status is open or closed") String status) {
  }

  public record CommentInput(
    @NotBlank(message = "Write a comment first") @Size(max = 5000, message = "Use at most 5000 characters") String body) {
    public CommentInput {
      body = strip(body);
    }
  }

  public record LabelInput(
    @NotBlank(message = "Name the label") @Size(max = 40, message = "Use at most 40 characters")
    @Pattern(regexp = "[\\p{L}\\p{N} ._-]*", message = "Use letters, digits, spaces, '.', '_' or '-'") String name,
    @Pattern(regexp = "default|secondary|outline|success|destructive", message = "Pick one of the colours") String color) {
    public LabelInput {
      name = strip(name);
      color = color == null || color.isBlank() ? "secondary" : color.strip();
    }
  }

  public record LabelRef(@jakarta.validation.constraints.NotNull(message = "Pick a label") Long labelId) {
  }

  public record Profile(
    @NotBlank(message = "Tell us your name") @Size(max = 100, message = "Use at most 100 characters") String name) {
    public Profile {
      name = strip(name);
    }
  }
}

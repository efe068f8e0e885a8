package dev.honostar.impl;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * {@code @NotBlank} as a user means it: Hibernate Validator's own check trims only what
 * {@link Character#isWhitespace} calls space, so U+3000, U+00A0 or U+200B alone passed. Replaces
 * it in the validator the framework builds (see {@code InputBinder}).
 */
public final class VisibleTextValidator implements ConstraintValidator<jakarta.validation.constraints.NotBlank, CharSequence> {

  @Override
  public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
    return !InputText.isBlank(value);
  }
}

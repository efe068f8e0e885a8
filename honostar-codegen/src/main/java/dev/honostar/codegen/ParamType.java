package dev.honostar.codegen;

/** The path parameter types {@code @Param} may declare, and how generated code names them. */
enum ParamType {
  STRING("java.lang.String", "java.lang.String", "ofString"),
  LONG("long", "java.lang.Long", "ofLong"),
  INT("int", "java.lang.Integer", "ofInt"),
  UUID("java.util.UUID", "java.util.UUID", "ofUuid");

  /** The type of a reverse-routing method's argument, e.g. {@code long}. */
  final String argument;
  /** The {@code PathParam}'s type argument, e.g. {@code java.lang.Long}. */
  final String boxed;
  /** The {@code PathParam} factory, e.g. {@code ofLong}. */
  final String factory;

  ParamType(String argument, String boxed, String factory) {
    this.argument = argument;
    this.boxed = boxed;
    this.factory = factory;
  }

  /** @return the type of {@code @Param(X.class)} given as X's name ({@code long}, {@code java.lang.String}), or {@code null} */
  static ParamType of(String typeName) {
    for (ParamType t : values()) {
      if (t.argument.equals(typeName) || t.boxed.equals(typeName)) {
        return t;
      }
    }
    return null;
  }
}

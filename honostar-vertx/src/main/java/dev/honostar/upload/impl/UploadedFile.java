package dev.honostar.upload.impl;

import dev.honostar.upload.Upload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;

/** A received file. */
record UploadedFile(Vertx vertx, String field, String fileName, String contentType, long size, Path path) implements Upload {

  @Override
  public Future<Void> moveTo(Path target) {
    return vertx.fileSystem().move(path.toString(), target.toString());
  }

  @Override
  public String toString() {
    return "Upload[" + field + ", " + fileName + ", " + contentType + ", " + size + " bytes]";
  }
}

package dev.honostar.impl;

import dev.honostar.bus.Topic;
import dev.honostar.live.impl.LiveEndpoint;
import dev.honostar.live.impl.LivePage;
import dev.honostar.live.impl.PresenceParams;
import dev.honostar.view.impl.RegionFingerprints;
import dev.honostar.page.Head;
import dev.honostar.page.Layout;
import dev.honostar.page.Page;
import dev.honostar.view.ViewEngine;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a page's GET: runs its loader and its layouts' data, then renders the page in its
 * layouts with the request's data, the flashed form state and, when it subscribes to topics,
 * the live element that opens its stream.
 */
final class PageRenderer {

  private final ViewEngine view;
  private final Map<String, Layout> layouts;
  private final TopicChecks topicChecks;
  private final LiveEndpoint live;
  private final BlockingExecutor blocking;
  private final RequestData requestData;

  PageRenderer(ViewEngine view, Map<String, Layout> layouts, TopicChecks topicChecks, LiveEndpoint live, BlockingExecutor blocking,
               RequestData requestData) {
    this.view = view;
    this.layouts = layouts;
    this.topicChecks = topicChecks;
    this.live = live;
    this.blocking = blocking;
    this.requestData = requestData;
  }

  @SuppressWarnings("unchecked")
  void render(RoutingContext ctx, AppRoutes.PageRoute route) {
    PageContextImpl pc = new PageContextImpl(ctx, blocking);
    Page<Object> page = (Page<Object>) route.page();
    Future<Object> model;
    try {
      model = page.load(pc);
    } catch (RuntimeException e) {
      model = Future.failedFuture(e);
    }
    model.compose(m -> layoutData(route, pc).map(layoutData -> {
      Head head = new Head();
      page.head(head, m);
      Map<String, Object> data = requestData.of(ctx);
      data.put(ViewEngine.DATA_HEAD, head.toData());
      data.put("layout", layoutData);
      data.put("errors", Flash.take(ctx.session(), Flash.ERRORS));
      data.put("input", Flash.take(ctx.session(), Flash.INPUT));
      data.put("flashForm", Flash.takeForm(ctx.session()));
      Set<Topic> topics = page.topics(pc, m);
      topicChecks.subscribed(route.path(), topics);
      if (!topics.isEmpty()) {
        data.put(ViewEngine.DATA_LIVE, live.element(ctx, route.path(), topics.stream().map(Topic::name).toList(),
          PresenceParams.with(viewParams(ctx, route.live()), page.presenceMember(pc, m)), page.viewerKey(pc, m), RequestData.basePath(ctx)));
        data.put(RegionFingerprints.DATA, new RegionFingerprints());
      }
      return view.renderPage(route.template(), m, route.layouts(), data);
    })).onSuccess(html -> ctx.response()
      .putHeader("Content-Type", "text/html; charset=utf-8")
      .putHeader("Cache-Control", "no-store")
      .end(html)).onFailure(ctx::fail);
  }

  /**
   * @return the URL parameters the page's live regions depend on ({@code ViewKey.params}), as
   *     this request has them: a path parameter, else the first query parameter of the name
   */
  private static Map<String, String> viewParams(RoutingContext ctx, LivePage page) {
    if (page.viewParams().isEmpty()) {
      return Map.of();
    }
    Map<String, String> params = new HashMap<>();
    for (String name : page.viewParams()) {
      String value = ctx.pathParam(name);
      if (value == null) {
        value = ctx.queryParams().get(name);
      }
      if (value != null) {
        params.put(name, value);
      }
    }
    return params;
  }

  private Future<Map<String, Object>> layoutData(AppRoutes.PageRoute route, PageContextImpl pc) {
    List<Future<Map<String, Object>>> parts = new ArrayList<>();
    for (String name : route.layouts()) {
      Layout layout = layouts.get(name);
      if (layout != null) {
        parts.add(layout.data(pc));
      }
    }
    if (parts.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return Future.all(parts).map(all -> {
      Map<String, Object> merged = new HashMap<>();
      // Outer layouts first, so an inner layout's value wins.
      for (int i = parts.size() - 1; i >= 0; i--) {
        merged.putAll(all.<Map<String, Object>>resultAt(i));
      }
      return merged;
    });
  }
}

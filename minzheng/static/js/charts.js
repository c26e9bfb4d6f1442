// Bar charts drawn with the bundled ECharts (no CDN: bureau intranets are offline).
// An element <div data-chart="ID"> is drawn from the JSON in <script id="ID">, shaped
// {"categories": [...], "series": [{"name": "...", "data": [...]}], "horizontal": true}.
// A series may carry its "color" (the 三色 series do: colours carry meaning).
(function () {
  function draw(root) {
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.dataset.chart);
      if (!source || !window.echarts) { return; }
      var spec = JSON.parse(source.textContent);
      var chart = window.echarts.getInstanceByDom(element) || window.echarts.init(element);
      var category = { type: "category", data: spec.categories };
      var value = { type: "value" };
      chart.setOption({
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
        xAxis: spec.horizontal ? value : category,
        yAxis: spec.horizontal ? category : value,
        series: spec.series.map(function (s) {
          var bar = { name: s.name, type: "bar", data: s.data, stack: s.stack };
          if (s.color) { bar.itemStyle = { color: s.color }; }
          return bar;
        }),
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();

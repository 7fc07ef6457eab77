/*
 * zaitaku report page: chart registry, tooltips and the rendered-chart count.
 * Plain ES5 on purpose: the page is opened on locked-down office PCs whose browser we do
 * not choose, and nothing here is worth a build step.
 */
(function () {
  'use strict';
  var charts = [];

  // Each chart's script calls this right after setOption (go-echarts JSFunctions).
  window.zaitakuChart = function (chart) {
    charts.push(chart);
  };

  // Tooltip of a bar segment. The text arrives as data (series data item field "tip":
  // h heading, s summary lines, w ward list) and every piece goes through encodeHTML:
  // ECharts puts a formatter's result into the page as HTML, and labels come from
  // survey files.
  window.zaitakuTip = function (p) {
    var t = p && p.data && p.data.tip;
    if (!t) {
      return '';
    }
    var e = echarts.format.encodeHTML;
    var h = '<div class="zt-tip"><div class="zt-h">' + e(t.h || '') + '</div>';
    var s = t.s || [];
    for (var i = 0; i < s.length; i++) {
      h += '<div class="zt-s">' + (i === 0 ? p.marker : '') + e(s[i]) + '</div>';
    }
    var w = t.w || [];
    if (w.length) {
      h += '<div class="zt-w">';
      for (var j = 0; j < w.length; j++) {
        h += '<span>' + e(w[j]) + '</span>';
      }
      h += '</div>';
    }
    return h + '</div>';
  };

  function resizeAll() {
    for (var i = 0; i < charts.length; i++) {
      if (!charts[i].isDisposed()) {
        charts[i].resize();
      }
    }
  }

  var pending = null;
  window.addEventListener('resize', function () {
    if (pending) {
      clearTimeout(pending);
    }
    pending = setTimeout(resizeAll, 100);
  });
  // Called once at the end of <body>, after every chart script has run. A chart counts as
  // rendered when ECharts has drawn its SVG into the container, so a failed or blocked
  // script lowers the count instead of going unnoticed.
  window.zaitakuDone = function () {
    var body = document.body;
    // A chart is drawn as soon as its script runs, when the blocks after it are not parsed
    // yet: the first of two side-by-side charts starts at full width. Now that the layout
    // is final, fit every chart to its box, and keep fitting it when the box changes.
    resizeAll();
    if (window.ResizeObserver) {
      var ro = new ResizeObserver(function (entries) {
        for (var k = 0; k < entries.length; k++) {
          var inst = echarts.getInstanceByDom(entries[k].target);
          if (inst && !inst.isDisposed()) {
            inst.resize();
          }
        }
      });
      for (var j = 0; j < charts.length; j++) {
        ro.observe(charts[j].getDom());
      }
    }
    var n = 0;
    for (var i = 0; i < charts.length; i++) {
      var c = charts[i];
      if (!c.isDisposed() && c.getDom().querySelector('svg, canvas')) {
        n++;
      }
    }
    var expected = parseInt(body.getAttribute('data-charts-expected'), 10) || 0;
    body.setAttribute('data-charts-rendered', String(n));
    var out = document.getElementById('charts-rendered');
    if (out) {
      out.textContent = String(n);
    }
    var warn = document.getElementById('charts-warning');
    if (warn) {
      if (n === expected) {
        warn.hidden = true;
      } else {
        warn.textContent = 'グラフ ' + expected + ' 件のうち ' + n + ' 件しか表示できませんでした。';
      }
    }
  };
})();

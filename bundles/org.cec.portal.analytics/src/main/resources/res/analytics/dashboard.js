/*
 * The console page Analytics: draws each chart with Chart.js (served from the analytics bundle)
 * from the numbers of the table that follows it (figure[data-table] names the table). Nothing
 * inline: the page's Content-Security-Policy allows scripts and styles of this origin only.
 * Readable without colour: each series has its own line dash and point shape (lines) or fill
 * pattern (bars), and the charts carry direct labels (a line's name at its end, a bar's number
 * at its end). The table stays the accessible form of the numbers.
 */
(function () {
  'use strict';

  var INK = ['#1f4e79', '#8a3b12', '#2e6b30', '#5b2a86', '#6b5900', '#00595e', '#7a1f4b', '#3d3d3d'];
  var DASHES = [[], [8, 4], [2, 3], [12, 4, 2, 4], [5, 5], [1, 5], [16, 6], [6, 2, 2, 2]];
  var POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star', 'rectRounded', 'cross'];
  var TOP_BARS = 10;

  /** A 12 x 12 tile: solid, stripes, dots, cross-hatch, ... in the series' ink on white. */
  function pattern(index) {
    var tile = document.createElement('canvas');
    tile.width = 12;
    tile.height = 12;
    var g = tile.getContext('2d');
    var ink = INK[index % INK.length];
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, 12, 12);
    g.strokeStyle = ink;
    g.fillStyle = ink;
    g.lineWidth = 2;
    switch (index % 4) {
      case 0:
        g.fillRect(0, 0, 12, 12);
        break;
      case 1:
        g.beginPath();
        g.moveTo(0, 12); g.lineTo(12, 0);
        g.moveTo(-3, 3); g.lineTo(3, -3);
        g.moveTo(9, 15); g.lineTo(15, 9);
        g.stroke();
        break;
      case 2:
        g.beginPath();
        g.arc(3, 3, 2, 0, 2 * Math.PI);
        g.arc(9, 9, 2, 0, 2 * Math.PI);
        g.fill();
        break;
      default:
        g.beginPath();
        g.moveTo(0, 6); g.lineTo(12, 6);
        g.moveTo(6, 0); g.lineTo(6, 12);
        g.stroke();
    }
    return g.createPattern(tile, 'repeat');
  }

  /**
   * The table's series (one per number column, named by its heading in the page's language, and
   * whether it is a sum of daily visitors: th.analytics-summed) and row labels.
   */
  function read(table) {
    var heads = table.tHead.rows[0].cells;
    var names = [];
    var summed = [];
    for (var h = 1; h < heads.length; h++) {
      names.push(heads[h].textContent.trim());
      summed.push(heads[h].classList.contains('analytics-summed'));
    }
    var labels = [];
    var values = names.map(function () { return []; });
    var rows = table.tBodies[0].rows;
    for (var r = 0; r < rows.length; r++) {
      var head = rows[r].querySelector('th');
      if (!head) {
        continue;
      }
      labels.push(head.textContent.trim());
      var cells = rows[r].querySelectorAll('td');
      for (var c = 0; c < names.length && c < cells.length; c++) {
        values[c].push(Number(cells[c].getAttribute('data-value')));
      }
    }
    return {names: names, summed: summed, labels: labels, values: values};
  }

  /** Direct labels: a line's name beside its last point, a bar's number beside its end. */
  var directLabels = {
    id: 'cecDirectLabels',
    afterDatasetsDraw: function (chart) {
      var g = chart.ctx;
      g.save();
      g.font = '12px sans-serif';
      g.fillStyle = '#222222';
      g.textBaseline = 'middle';
      chart.data.datasets.forEach(function (set, i) {
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden) {
          return;
        }
        if (chart.config.type === 'line') {
          var last = meta.data[meta.data.length - 1];
          if (last) {
            g.textAlign = 'right';
            g.fillText(set.label, last.x - 4, last.y - 10 - 12 * i);
          }
          return;
        }
        g.textAlign = 'left';
        meta.data.forEach(function (bar, j) {
          g.fillText(String(set.data[j]), bar.x + 4, bar.y);
        });
      });
      g.restore();
    }
  };

  function draw(figure) {
    var table = document.getElementById(figure.getAttribute('data-table'));
    var canvas = figure.querySelector('canvas');
    if (!table || !canvas) {
      return;
    }
    var data = read(table);
    var line = figure.getAttribute('data-chart') === 'line';
    var datasets;
    if (line) {
      datasets = data.names.map(function (name, i) {
        return {
          label: name,
          data: data.values[i],
          borderColor: INK[i % INK.length],
          backgroundColor: INK[i % INK.length],
          borderDash: DASHES[i % DASHES.length],
          borderWidth: 2,
          pointStyle: POINTS[i % POINTS.length],
          pointRadius: data.labels.length > 62 ? 0 : 3,
          tension: 0
        };
      });
    } else {
      // Bars: the first number column (the events), or every column of a table of two kinds of events.
      var series = data.names.length === 2 && !data.summed[1] ? 2 : 1;
      data.labels = data.labels.slice(0, TOP_BARS);
      datasets = [];
      for (var s = 0; s < series; s++) {
        datasets.push({
          label: data.names[s],
          data: data.values[s].slice(0, TOP_BARS),
          backgroundColor: pattern(s),
          borderColor: INK[s % INK.length],
          borderWidth: 1
        });
      }
    }
    /* global Chart */
    new Chart(canvas, {
      type: line ? 'line' : 'bar',
      data: {labels: data.labels, datasets: datasets},
      plugins: [directLabels],
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: line ? 'x' : 'y',
        layout: {padding: {right: line ? 8 : 48, top: 8}},
        plugins: {
          legend: {display: datasets.length > 1, labels: {usePointStyle: true, color: '#222222'}},
          tooltip: {enabled: true}
        },
        scales: {
          x: {ticks: {color: '#222222', maxRotation: 0, autoSkip: true}, beginAtZero: true},
          y: {ticks: {color: '#222222', autoSkip: line}, beginAtZero: true}
        }
      }
    });
  }

  function start() {
    if (typeof Chart === 'undefined') {
      return;
    }
    var figures = document.querySelectorAll('figure.analytics-chart[data-table]');
    for (var i = 0; i < figures.length; i++) {
      draw(figures[i]);
    }
    document.documentElement.setAttribute('data-analytics-charts', String(figures.length));
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();

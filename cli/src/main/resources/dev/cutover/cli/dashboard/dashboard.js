// The Cutover dashboard: polls the running migration's /status, /readiness and /errors (the browser's cookie carries
// the token) and draws them. A new run (another startedAt) starts the charts and rates over; while the run does not
// answer, the page says so and keeps asking.
(function () {
  "use strict";
  const HISTORY = 600;            // chart points kept (one a second: ten minutes)
  const history = { t: [], throughput: [], lag: [] };
  const tableRates = new Map();   // table -> rows/s (smoothed)
  let previous = null;            // the last status and when it came
  let startedAt = null;
  let charts = null;

  const $ = (selector) => document.querySelector(selector);
  const number = (n) => n == null ? "–" : Number(n).toLocaleString("en-US");
  const duration = (s) => {
    if (s == null || !isFinite(s)) return "–";
    s = Math.round(s);
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
    return (h > 0 ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(sec).padStart(2, "0");
  };

  async function get(path) {
    const response = await fetch(path, { credentials: "same-origin", cache: "no-store" });
    if (response.status === 401) {
      window.location.reload();   // the sign-in form
      throw new Error("signed out");
    }
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    return response.json();
  }

  function chart(element, label, stroke) {
    return new uPlot({
      width: element.clientWidth || 500, height: 180,
      scales: { x: { time: true } },
      series: [{}, { label: label, stroke: stroke, width: 2, fill: stroke + "22" }],
      axes: [{}, { size: 60 }],
    }, [[], []], element);
  }

  function resetFor(status) {
    startedAt = status.startedAt;
    previous = null;
    tableRates.clear();
    history.t.length = history.throughput.length = history.lag.length = 0;
  }

  function moved(status) {
    const changes = status.latencyMs ? status.latencyMs.changes : 0;
    return status.rows + changes;
  }

  function renderStatus(status) {
    if (status.startedAt !== startedAt) resetFor(status);
    const now = Date.now() / 1000;
    const seconds = previous ? now - previous.at : 0;
    $("#phase").textContent = status.phase + (status.finalized ? " (finalized)" : "");
    $("#phase").className = "badge " + status.phase.replace(" ", "-");
    $("#route").textContent = status.source + " → " + status.target;
    $("#rows").textContent = number(status.rows) + " of " + number(status.total);
    $("#rate").textContent = number(status.rowsPerSecond) + " rows/s";
    $("#eta").textContent = status.etaSeconds == null ? "–" : duration(status.etaSeconds);
    $("#lag").textContent = number(status.lag.events) + " events, " + number(status.lag.ms) + " ms";
    $("#latency").textContent = status.latencyMs
      ? "p50 " + number(status.latencyMs.p50) + " ms, p99 " + number(status.latencyMs.p99) + " ms" : "–";
    $("#error-count").textContent = number(status.errors) +
      (status.acceptedErrors > 0 ? " (" + number(status.acceptedErrors) + " accepted)" : "");
    $("#waiting").hidden = !status.waiting;
    $("#waiting").textContent = status.waiting ? "WAITING: " + status.waiting : "";
    renderTables(status, seconds);
    if (seconds > 0) {
      history.t.push(now);
      history.throughput.push(Math.max(0, (moved(status) - moved(previous.status)) / seconds));
      history.lag.push(status.lag.events);
      if (history.t.length > HISTORY) { history.t.shift(); history.throughput.shift(); history.lag.shift(); }
      charts.throughput.setData([history.t, history.throughput]);
      charts.lag.setData([history.t, history.lag]);
    }
    previous = { status: status, at: now };
  }

  function renderTables(status, seconds) {
    const body = $("#tables tbody");
    for (const table of status.tables) {
      let row = body.querySelector('tr[data-table="' + CSS.escape(table.name) + '"]');
      if (!row) {
        row = document.createElement("tr");
        row.dataset.table = table.name;
        row.innerHTML = '<td class="name"></td><td class="bar-cell"><div class="bar"><div class="fill"></div></div></td>' +
          '<td class="num percent"></td><td class="num rows"></td><td class="num rate"></td><td class="num eta"></td>';
        row.querySelector(".name").textContent = table.name;
        body.appendChild(row);
      }
      const before = previous && previous.status.tables.find((t) => t.name === table.name);
      if (before && seconds > 0) {
        const rate = Math.max(0, (table.rows - before.rows) / seconds);
        tableRates.set(table.name, tableRates.has(table.name) ? 0.7 * tableRates.get(table.name) + 0.3 * rate : rate);
      }
      const rate = tableRates.get(table.name) || 0;
      const fill = row.querySelector(".fill");
      fill.style.width = table.percent + "%";
      fill.classList.toggle("done", table.percent >= 100);
      row.querySelector(".percent").textContent = table.percent + "%";
      row.querySelector(".rows").textContent = number(table.rows) + " / " + number(table.total);
      row.querySelector(".rate").textContent = number(Math.round(rate));
      row.querySelector(".eta").textContent = table.percent >= 100 ? "done"
        : rate > 0 ? duration((table.total - table.rows) / rate) : "–";
    }
  }

  function renderReadiness(readiness) {
    const state = (ok, known) => ok ? "ok" : known ? "fail" : "pending";
    const ran = readiness.finalizedAt != null;
    const states = {
      lag: readiness.lagZero ? "ok" : "pending",
      constraints: state(readiness.constraintsValidated, ran),
      sequences: state(readiness.sequencesMoved, ran),
      validation: state(readiness.validation === "no differences", readiness.validation != null),
      ready: state(readiness.ready, ran),
    };
    for (const [check, value] of Object.entries(states)) {
      $('#readiness li[data-check="' + check + '"]').dataset.state = value;
    }
    $("#readiness-reasons").textContent = readiness.reasons.join(" ");
  }

  function renderErrors(entries) {
    const body = $("#errors tbody");
    body.replaceChildren();
    for (const entry of entries) {
      const row = document.createElement("tr");
      for (const value of [entry.time, entry.stage, entry.table, JSON.stringify(entry.key), entry.reason]) {
        const cell = document.createElement("td");
        cell.textContent = value == null ? "" : value;
        row.appendChild(cell);
      }
      body.appendChild(row);
    }
    $("#errors-empty").hidden = entries.length > 0;
  }

  async function finalize() {
    const button = $("#finalize");
    const output = $("#finalize-output");
    button.disabled = true;
    output.hidden = false;
    output.textContent = "";
    try {
      const response = await fetch("/finalize", { method: "POST", credentials: "same-origin" });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        output.textContent += decoder.decode(chunk.value, { stream: true });
        output.scrollTop = output.scrollHeight;
      }
    } catch (e) {
      output.textContent += "\nfinalize could not be asked: " + e.message;
    } finally {
      button.disabled = false;
      poll(renderReadiness, "/readiness");
    }
  }

  async function poll(render, path) {
    try {
      render(await get(path));
      $("#connection").textContent = "updated " + new Date().toLocaleTimeString();
      return true;
    } catch (e) {
      $("#connection").textContent = "the run does not answer (" + e.message + "); retrying";
      return false;
    }
  }

  function every(ms, render, path) {
    poll(render, path).finally(() => setTimeout(() => every(ms, render, path), ms));
  }

  charts = {
    throughput: chart($("#throughput-chart"), "per second", "#2b6cb0"),
    lag: chart($("#lag-chart"), "events", "#b7791f"),
  };
  $("#finalize").addEventListener("click", finalize);
  every(1000, renderStatus, "/status");
  every(2000, renderReadiness, "/readiness");
  every(5000, renderErrors, "/errors");
})();

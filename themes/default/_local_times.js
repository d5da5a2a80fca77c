(function () {
  var d = document, root = d.documentElement, lang = root.lang, meta = d.querySelector('meta[name="dcterms.modified"]');
  var relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  function ago(ms) {
    var s = Math.max(0, Math.round(ms / 1000)), units = [[86400, "day"], [3600, "hour"], [60, "minute"]];
    for (var i = 0; i < units.length; i++) if (s >= units[i][0]) return relative.format(-Math.floor(s / units[i][0]), units[i][1]);
    return relative.format(0, "second");
  }
  function fill(element, text) {
    element.querySelectorAll(".ago").forEach(function (span) { span.textContent = text; });
  }
  if (root.hasAttribute("data-local-times")) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var format = new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
    d.querySelectorAll("time[datetime*=T]").forEach(function (time) {
      time.title = time.textContent;
      time.textContent = format.format(new Date(time.dateTime));
    });
    var site = d.getElementById("site-zone"), reader = d.getElementById("reader-zone");
    if (site && reader) {
      reader.querySelector(".zone").textContent = zone;
      site.hidden = true;
      reader.hidden = false;
    }
  }
  function tick() {
    if (!meta) return;
    var age = Date.now() - Date.parse(meta.content), updated = d.getElementById("updated-ago"), stale = d.getElementById("stale");
    if (updated) updated.textContent = " (" + ago(age) + ")";
    if (stale && age > 1000 * stale.getAttribute("data-after")) {
      fill(stale, ago(age));
      stale.hidden = false;
    }
  }
  tick();
  setInterval(tick, 30000);
})();

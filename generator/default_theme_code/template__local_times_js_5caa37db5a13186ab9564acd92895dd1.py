from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_local_times.js'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield '(function () {\n  var d = document, root = d.documentElement, lang = root.lang, meta = d.querySelector(\'meta[name="dcterms.modified"]\');\n  var relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });\n  function ago(ms) {\n    var s = Math.max(0, Math.round(ms / 1000)), units = [[86400, "day"], [3600, "hour"], [60, "minute"]];\n    for (var i = 0; i < units.length; i++) if (s >= units[i][0]) return relative.format(-Math.floor(s / units[i][0]), units[i][1]);\n    return relative.format(0, "second");\n  }\n  function fill(element, text) {\n    element.querySelectorAll(".ago").forEach(function (span) { span.textContent = text; });\n  }\n  if (root.hasAttribute("data-local-times")) {\n    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;\n    var format = new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });\n    d.querySelectorAll("time[datetime*=T]").forEach(function (time) {\n      time.title = time.textContent;\n      time.textContent = format.format(new Date(time.dateTime));\n    });\n    var site = d.getElementById("site-zone"), reader = d.getElementById("reader-zone");\n    if (site && reader) {\n      reader.querySelector(".zone").textContent = zone;\n      site.hidden = true;\n      reader.hidden = false;\n    }\n  }\n  function tick() {\n    if (!meta) return;\n    var age = Date.now() - Date.parse(meta.content), updated = d.getElementById("updated-ago"), stale = d.getElementById("stale");\n    if (updated) updated.textContent = " (" + ago(age) + ")";\n    if (stale && age > 1000 * stale.getAttribute("data-after")) {\n      fill(stale, ago(age));\n      stale.hidden = false;\n    }\n  }\n  tick();\n  setInterval(tick, 30000);\n})();\n'

blocks = {}
debug_info = ''
# The default theme's _local_times.js, compiled by `python -m generator.theme_compile`: do not edit.

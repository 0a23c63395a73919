const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The page /__admin/ui answers: landmarks and headings the script fills in. The partners' names
 * travel as data (meta tags), so the generic script names none of them.
 */
export function dashboardShell(partners: readonly string[], withDashboards: readonly string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="partner-sim:partners" content="${escapeHtml(partners.join(' '))}">
<meta name="partner-sim:dashboards" content="${escapeHtml(withDashboards.join(' '))}">
<title>partner-sim QA dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/__admin/ui/app.css">
<script type="module" src="/__admin/ui/app.js"></script>
</head>
<body>
<header class="top">
  <h1>partner-sim <span class="muted">QA dashboard</span></h1>
  <div id="session" aria-live="polite"></div>
</header>
<div id="admin-gate" hidden></div>
<div id="message" role="status" aria-live="polite"></div>
<main id="main">
  <noscript>This dashboard needs JavaScript. Every action it offers is a control-plane call: see the README's Admin API.</noscript>
  <section id="sandboxes" aria-labelledby="sandboxes-h"><h2 id="sandboxes-h">Sandboxes</h2><div class="body"></div></section>
  <section id="last-action" aria-labelledby="last-action-h" hidden><h2 id="last-action-h">Last action</h2><div class="body"></div></section>
  <div id="partners"></div>
  <section id="scenarios" aria-labelledby="scenarios-h" hidden><h2 id="scenarios-h">Scenarios</h2><div class="body"></div></section>
  <section id="clock" aria-labelledby="clock-h" hidden><h2 id="clock-h">Clock</h2><div class="body"></div></section>
  <section id="faults" aria-labelledby="faults-h" hidden><h2 id="faults-h">Faults</h2><div class="body"></div></section>
  <section id="traffic" aria-labelledby="traffic-h" hidden><h2 id="traffic-h">Live traffic</h2><div class="body"></div></section>
</main>
</body>
</html>
`;
}

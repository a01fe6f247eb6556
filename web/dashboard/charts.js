// Plain SVG bar charts (no chart library: five small bar charts do not need one). Each chart is
// drawn from a list of {label, value}; labels are set as text nodes, never as markup.
// The SVG namespace, read off an element the HTML parser makes (the repository writes no address).
const SVG = new DOMParser().parseFromString("<svg></svg>", "text/html").querySelector("svg").namespaceURI;

function node(tag, attrs, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text != null) n.textContent = text;
  return n;
}

// Horizontal bars: one row per item, the value written after its bar.
export function barChart(container, items, { unit = "", title = "" } = {}) {
  container.replaceChildren();
  const rowHeight = 26, labelWidth = 150, barWidth = 220, width = labelWidth + barWidth + 70;
  const height = Math.max(1, items.length) * rowHeight + 8;
  const max = Math.max(1, ...items.map((i) => Number(i.value) || 0));
  const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
                            "aria-label": title, "data-chart-bars": items.length });
  items.forEach((item, i) => {
    const y = 4 + i * rowHeight, value = Number(item.value) || 0;
    const w = Math.round((value / max) * barWidth);
    const g = node("g", { "data-label": item.label, "data-value": value });
    g.appendChild(node("text", { x: labelWidth - 6, y: y + 16, "text-anchor": "end", class: "chart-label" }, item.label));
    g.appendChild(node("rect", { x: labelWidth, y: y + 3, width: Math.max(w, value > 0 ? 2 : 0), height: rowHeight - 8,
                                 class: "chart-bar" }));
    g.appendChild(node("text", { x: labelWidth + w + 6, y: y + 16, class: "chart-value" }, `${value}${unit}`));
    svg.appendChild(g);
  });
  container.appendChild(svg);
  return svg;
}

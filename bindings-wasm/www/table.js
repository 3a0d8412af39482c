// A small reusable results table for the routeguard pages: sortable
// columns (a button in each <th>, aria-sort), a labelled filter input, a
// row count read out politely, and "Download CSV" (RFC 4180 quoting).
//
//   import { renderTable, toCsv } from "./table.js";
//   const t = renderTable(container, {
//     caption: "Findings",              // the table's caption (also names the filter)
//     filename: "findings.csv",         // the CSV download's file name
//     columns: [
//       { key: "prefix", label: "Prefix" },                       // row.prefix
//       { key: "n", label: "Count", numeric: true },              // sorts as numbers
//       { key: "why", label: "Why", value: (r) => r.reasons.join("; "),  // text: filter, sort, CSV
//         render: (r) => listElement(r.reasons) },                // what the cell shows
//     ],
//     rows,                              // any objects
//     titleTag: "h3",                    // the caption above the controls: p (default) or a heading
//     maxRows: 2000,                     // draw at most this many rows (filter, sort and CSV see all)
//     rowClass: (r) => r.bad ? "rejected" : "",   // a class for a row's <tr>
//   });
//   t.update(newRows);  t.visibleRows();  t.csv();  t.element;
//
// A cell's text is `column.value(row)` when given, else `row[column.key]`
// (null and undefined as ""); `render` only changes what the cell shows.
// Nothing here knows about routing: the page passes values it got from
// routeguard.

let tables = 0;

/** A CSV field: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value) {
  const s = value == null ? "" : String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV text: a header of the column labels, CRLF line ends (RFC 4180). */
export function toCsv(columns, rows) {
  const lines = [columns.map((c) => csvField(c.label))];
  for (const row of rows) lines.push(columns.map((c) => csvField(cellText(c, row))));
  return lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}

function cellValue(column, row) {
  const v = column.value ? column.value(row) : row[column.key];
  return v === undefined ? null : v;
}

function cellText(column, row) {
  const v = cellValue(column, row);
  return v === null ? "" : String(v);
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function compare(column, a, b) {
  const x = cellValue(column, a);
  const y = cellValue(column, b);
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // empty cells last
  if (column.numeric || (typeof x === "number" && typeof y === "number")) return Number(x) - Number(y);
  return collator.compare(String(x), String(y));
}

/** Saves text as a file through a temporary <a download>. */
export function downloadText(text, filename, type = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Renders a table into `container` (its contents are replaced), the caption
 * shown above the filter as a `titleTag` element, and returns
 * `{element, update(rows), visibleRows(), csv()}`.
 */
export function renderTable(container, {
  columns, rows = [], caption = "Results", filename = "table.csv", titleTag = "p", maxRows = Infinity,
  rowClass = null,
}) {
  const id = `rgt-${++tables}`;
  let data = [...rows];
  let sortIndex = -1;
  let ascending = true;
  let shown = data;

  const root = document.createElement("div");
  root.className = "rg-table";
  // The caption shown above the controls; the <caption> (visually hidden)
  // names the table for screen readers.
  const title = document.createElement(titleTag);
  title.className = "rg-table-title";
  title.id = `${id}-title`;
  title.textContent = caption;

  const tools = document.createElement("div");
  tools.className = "row rg-table-tools";
  const label = document.createElement("label");
  label.htmlFor = `${id}-filter`;
  label.textContent = `Filter ${caption.toLowerCase()}`;
  const filter = document.createElement("input");
  filter.type = "search";
  filter.id = `${id}-filter`;
  filter.autocomplete = "off";
  filter.spellcheck = false;
  filter.setAttribute("aria-controls", `${id}-table`);
  const count = document.createElement("span");
  count.className = "rg-table-count";
  count.setAttribute("role", "status");
  count.setAttribute("aria-live", "polite");
  const csvButton = document.createElement("button");
  csvButton.type = "button";
  csvButton.className = "secondary";
  csvButton.textContent = "Download CSV";
  csvButton.setAttribute("aria-label", `Download CSV: ${caption}`);
  tools.append(label, filter, count, csvButton);

  const scroller = document.createElement("div");
  scroller.className = "rg-table-scroll";
  const table = document.createElement("table");
  table.id = `${id}-table`;
  const cap = document.createElement("caption");
  cap.className = "visually-hidden";
  cap.textContent = caption;
  const thead = document.createElement("thead");
  const headRow = document.createElement("tr");
  const ths = columns.map((c, i) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.setAttribute("aria-sort", "none");
    const b = document.createElement("button");
    b.type = "button";
    b.className = "rg-sort";
    b.textContent = c.label;
    const arrow = document.createElement("span");
    arrow.className = "rg-arrow";
    arrow.setAttribute("aria-hidden", "true");
    b.append(arrow);
    b.addEventListener("click", () => {
      ascending = sortIndex === i ? !ascending : true;
      sortIndex = i;
      draw();
    });
    th.append(b);
    headRow.append(th);
    return th;
  });
  thead.append(headRow);
  const tbody = document.createElement("tbody");
  table.append(cap, thead, tbody);
  scroller.append(table);
  root.append(title, tools, scroller);
  container.replaceChildren(root);

  function visibleRows() {
    const needle = filter.value.trim().toLowerCase();
    let out = needle === ""
      ? [...data]
      : data.filter((row) => columns.some((c) => cellText(c, row).toLowerCase().includes(needle)));
    if (sortIndex >= 0) {
      const c = columns[sortIndex];
      // Array.prototype.sort is stable: equal cells keep the given order.
      out.sort((a, b) => (ascending ? 1 : -1) * compare(c, a, b));
    }
    return out;
  }

  function draw() {
    shown = visibleRows();
    ths.forEach((th, i) => {
      const state = i === sortIndex ? (ascending ? "ascending" : "descending") : "none";
      th.setAttribute("aria-sort", state);
      th.querySelector(".rg-arrow").textContent = state === "ascending" ? " ▲" : state === "descending" ? " ▼" : "";
    });
    const frag = document.createDocumentFragment();
    for (const row of shown.slice(0, maxRows)) {
      const tr = document.createElement("tr");
      const cls = rowClass?.(row);
      if (cls) tr.className = cls;
      for (const c of columns) {
        const td = document.createElement("td");
        if (c.className) td.className = c.className;
        const shownValue = c.render ? c.render(row) : cellText(c, row);
        if (shownValue instanceof Node) td.append(shownValue);
        else td.textContent = String(shownValue ?? "");
        tr.append(td);
      }
      frag.append(tr);
    }
    tbody.replaceChildren(frag);
    count.textContent = (shown.length === data.length
      ? `${data.length} ${data.length === 1 ? "row" : "rows"}`
      : `${shown.length} of ${data.length} rows`) +
      (shown.length > maxRows ? `, the first ${maxRows} shown (the CSV has them all)` : "");
  }

  filter.addEventListener("input", draw);
  csvButton.addEventListener("click", () => downloadText(toCsv(columns, shown), filename, "text/csv"));
  draw();

  return {
    element: root,
    update(newRows) {
      data = [...newRows];
      draw();
    },
    visibleRows: () => [...shown],
    csv: () => toCsv(columns, shown),
  };
}

// The host's live dashboard: asks for the figures every two seconds and writes them into the
// page by id (text only). Once the session has ended the figures are final and polling stops.
const section = document.getElementById("dashboard");
const POLL_MS = 2000;

function setText(id, value) {
  const element = document.getElementById(id);
  if (element) element.textContent = String(value);
}

function drawProducts(products) {
  const body = document.querySelector("#product-figures tbody");
  const rows = products.map((product) => {
    const row = document.createElement("tr");
    row.dataset.product = product.product_id;
    for (const [name, value] of [["title", product.title], ["clicks", product.clicks], ["units", product.units], ["sales", product.sales_text]]) {
      const cell = document.createElement("td");
      cell.className = name;
      cell.textContent = String(value);
      row.appendChild(cell);
    }
    return row;
  });
  body.replaceChildren(...rows);
}

function draw(figures) {
  setText("viewers-now", figures.viewers_now);
  setText("peak-viewers", figures.peak_viewers);
  const unique = figures.unique_capped ? `${figures.unique_viewers} ${section.dataset.orMore}` : figures.unique_viewers;
  setText("unique-viewers", unique);
  setText("likes", figures.likes);
  setText("orders", figures.orders);
  setText("buyers", figures.buyers);
  setText("gmv", figures.gmv_text);
  setText("conversion", figures.conversion_text);
  drawProducts(figures.products);
  document.getElementById("final-figures").hidden = figures.status !== "ended";
}

async function poll() {
  try {
    const response = await fetch(`/api/v1/live/${section.dataset.session}/dashboard`, {
      headers: { accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok) {
      const figures = await response.json();
      draw(figures);
      if (figures.status === "ended") return;
    }
  } catch {
    // The next poll tries again.
  }
  setTimeout(poll, POLL_MS);
}

if (section && section.dataset.status !== "ended") setTimeout(poll, POLL_MS);

// Buying without leaving the live room. The pinned card's Buy opens a sheet over the room
// (variant, quantity, the address of the last order, the quoted total); Pay places a checkout
// that names the session, then opens the provider's cashier in an overlay and polls the
// checkout until it is paid. The flash-sale card counts down to the opening and the close on
// the server's clock, shows what is left, and its Grab button buys one unit the same way.
// Listens to room.js's "room-frame" events; markup and texts come from live_buy.html.

const sheet = document.getElementById("buy-sheet");
if (sheet) start(sheet);

function start(sheet) {
  const T = sheet.dataset;
  const session = T.session;
  const signedIn = T.signedIn === "1";
  // The server wrote its clock just before the page's first byte left: compare it with when
  // that byte arrived, not with now — a slow phone runs this script seconds later.
  const page = performance.getEntriesByType("navigation")[0];
  const arrived = page ? performance.timeOrigin + page.responseStart : Date.now();
  const skew = Number(T.serverNow) - arrived;
  const serverNow = () => Date.now() + skew;
  const $ = (id) => document.getElementById(id);
  const form = $("buy-form");
  const overlay = $("cashier-overlay");
  const frame = $("cashier-frame");
  const saleCard = $("sale-card");
  const grab = $("sale-grab");
  const POLL_MS = 1000;

  let pinned = $("pinned-card")?.dataset.product || null;
  let mode = "pinned"; // or "sale": the sheet only asks where a grabbed unit goes
  let key = newKey();
  let placed = null; // {checkout, payment} once this sheet's checkout exists
  let sale = null;
  let saleKey = null;
  let poller = null;
  let quoteTimer = null;

  // ---- the pinned card and the sheet -------------------------------------------------------

  document.addEventListener("room-frame", (event) => {
    const f = event.detail;
    const pin = f.type === "pinned" ? f.data : f.type === "snapshot" ? f.pinned : undefined;
    if (pin !== undefined) {
      pinned = pin ? pin.id : null;
      const button = $("pinned-buy");
      if (button && pinned) button.dataset.productClick = pinned;
    }
    const s = f.type === "sale" ? f.data : f.type === "snapshot" ? f.sale : undefined;
    if (s !== undefined) showSale(s);
  });

  $("pinned-buy")?.addEventListener("click", (event) => {
    if (!pinned) return;
    const skus = form && form.querySelector(`fieldset.buy-skus[data-product="${pinned}"]`);
    if (signedIn && !skus) return; // not rendered with this page: the link opens the product
    event.preventDefault();
    openSheet("pinned");
  });
  $("buy-close").addEventListener("click", closeSheet);

  function openSheet(which) {
    mode = which;
    sheet.hidden = false;
    if (!form) return;
    clearMessages();
    for (const set of form.querySelectorAll("fieldset.buy-skus")) {
      set.hidden = mode !== "pinned" || set.dataset.product !== pinned;
    }
    form.querySelector(".buy-quantity").hidden = mode !== "pinned";
    form.querySelector(".buy-totals").hidden = mode !== "pinned";
    $("buy-pay").textContent = mode === "pinned" ? T.tPay : T.tGrab;
    if (mode === "sale") {
      showAddressForm();
      $("buy-error").textContent = T.tNeedsAddress;
      return;
    }
    renew();
    const first = visibleSkus().find((input) => !input.disabled);
    if (first) first.checked = true;
    $("buy-quantity").value = "1";
    quote();
  }

  function closeSheet() {
    sheet.hidden = true;
  }

  const visibleSkus = () => [...form.querySelectorAll("fieldset.buy-skus:not([hidden]) input[name=sku]")];
  const chosenSku = () => visibleSkus().find((input) => input.checked);

  /** A fresh idempotency key: the sheet's order changed, so it is another purchase. */
  function renew() {
    key = newKey();
    placed = null;
  }

  function clampQuantity(step = 0) {
    const input = $("buy-quantity");
    const stock = Number(chosenSku()?.dataset.stock || 1);
    const wanted = (parseInt(input.value, 10) || 1) + step;
    input.value = String(Math.max(1, Math.min(stock, wanted)));
  }

  if (form) {
    $("buy-minus").addEventListener("click", () => changed(() => clampQuantity(-1)));
    $("buy-plus").addEventListener("click", () => changed(() => clampQuantity(1)));
    $("buy-change-address").addEventListener("click", showAddressForm);
    form.addEventListener("change", () => changed(() => clampQuantity()));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (mode === "sale") grabSale();
      else pay();
    });
  }

  function changed(update) {
    update();
    renew();
    if (mode === "pinned") quote();
  }

  function showAddressForm() {
    $("buy-address").hidden = false;
    $("buy-address-summary").hidden = true;
  }

  function address() {
    const field = (name) => form.querySelector(`#buy-address [name=${name}]`).value;
    return Object.fromEntries(["recipient", "phone", "province", "city", "county", "detail"].map((n) => [n, field(n)]));
  }

  function order() {
    const quantity = parseInt($("buy-quantity").value, 10) || 1;
    const items = [{ product: pinned, sku: chosenSku()?.value || "", quantity }];
    return { items, address: address(), live_session: session };
  }

  /** The total with shipping, once the address is complete; refusals show at once. */
  function quote() {
    clearTimeout(quoteTimer);
    quoteTimer = setTimeout(async () => {
      const answer = await api("POST", "/api/v1/checkouts/quote", order());
      const show = (id, text) => ($(id).textContent = text);
      show("buy-goods", answer.ok ? answer.data.goods : "—");
      show("buy-shipping", answer.ok ? answer.data.shipping : "—");
      show("buy-total", answer.ok ? answer.data.total : "—");
      $("buy-error").textContent = answer.ok || answer.status === 422 ? "" : answer.message;
    }, 200);
  }

  async function pay() {
    clearMessages();
    $("buy-pay").disabled = true;
    try {
      if (!placed) {
        const answer = await api("POST", "/api/v1/checkouts", order(), key);
        if (!answer.ok) return refused(answer);
        placed = { checkout: answer.data.checkout_id, payment: answer.data.payment };
      }
      await cashier(placed, (text) => status($("buy-status"), text), () => setTimeout(closeSheet, 1500));
    } finally {
      $("buy-pay").disabled = false;
    }
  }

  function refused(answer) {
    $("buy-error").textContent = answer.message;
    for (const field of answer.fields) {
      const slot = form.querySelector(`.field-error[data-field="${field.field}"]`);
      if (!slot) continue;
      slot.textContent = field.message;
      if (slot.closest("#buy-address")) showAddressForm();
    }
  }

  function clearMessages() {
    if (!form) return;
    for (const slot of form.querySelectorAll(".field-error")) slot.textContent = "";
    $("buy-status").hidden = true;
  }

  // ---- paying in the overlay ---------------------------------------------------------------

  /** Opens the cashier for `placed` and waits for its orders to be paid. */
  async function cashier(placedCheckout, tell, done) {
    const answer = await api("POST", placedCheckout.payment);
    if (!answer.ok) return tell(answer.message);
    tell(T.tWaiting);
    frame.src = answer.data.cashier_url;
    overlay.hidden = false;
    clearInterval(poller);
    poller = setInterval(async () => {
      const state = await api("GET", `/api/v1/checkouts/${placedCheckout.checkout}`);
      if (state.ok && state.data.orders.every((o) => o.status === "paid")) {
        stopPaying();
        tell(T.tPaid);
        done();
      } else if (cashierSays("status-rejected")) {
        stopPaying();
        tell(T.tFailed);
      }
    }, POLL_MS);
  }

  function cashierSays(statusClass) {
    try {
      return Boolean(frame.contentDocument?.querySelector(`#cashier-status.${statusClass}`));
    } catch {
      return false; // a provider on another origin: the checkout's state is enough
    }
  }

  function stopPaying() {
    clearInterval(poller);
    overlay.hidden = true;
    frame.removeAttribute("src");
  }
  $("cashier-close").addEventListener("click", stopPaying);

  // ---- the flash-sale card -----------------------------------------------------------------

  function showSale(data) {
    if (data && sale && data.id !== sale.id) saleKey = null;
    sale = data;
    saleCard.hidden = !sale;
    if (!sale) return;
    const q = (selector) => saleCard.querySelector(selector);
    q(".sale-title").textContent = sale.title || "";
    q(".sale-price").textContent = sale.price || "";
    q(".sale-regular").textContent = sale.regular_price || "";
    q(".sale-left").textContent = fill(T.tSaleLeft, { n: sale.remaining, m: sale.stock_limit });
    q(".sale-per-buyer").textContent = fill(T.tPerBuyer, { n: sale.per_buyer_limit });
    if (sale.product) grab.dataset.productClick = sale.product;
    tick();
  }

  /** The phase on the server's clock: counting down to the opening, open, sold out, over. */
  function tick() {
    if (!sale) return;
    const now = serverNow();
    const q = (selector) => saleCard.querySelector(selector);
    let label = T.tSaleOver;
    let until = null;
    if (now < sale.opens_at) [label, until] = [T.tOpensIn, sale.opens_at];
    else if (sale.remaining <= 0) label = T.tSaleSoldOut;
    else if (now < sale.closes_at) [label, until] = [T.tClosesIn, sale.closes_at];
    q(".sale-phase").textContent = label;
    q(".sale-countdown").textContent = until === null ? "" : clock(until - now);
    const open = until !== null && now >= sale.opens_at;
    saleCard.dataset.phase = open ? "open" : now < sale.opens_at ? "upcoming" : "over";
    if (grab.tagName === "BUTTON") grab.disabled = !open;
  }
  setInterval(tick, 250);

  grab.addEventListener("click", () => {
    if (grab.tagName !== "BUTTON") return; // signed out: the link signs in and comes back
    if (Object.values(address()).every((value) => value.trim() !== "")) grabSale();
    else openSheet("sale");
  });

  async function grabSale() {
    const error = saleCard.querySelector(".sale-error");
    error.textContent = "";
    saleKey = saleKey || newKey();
    grab.disabled = true;
    const body = { quantity: 1, address: address() };
    const answer = await api("POST", `/api/v1/flash-sales/${sale.id}/purchases`, body, saleKey);
    tick();
    if (!answer.ok) {
      if (answer.status === 422) {
        openSheet("sale");
        refused(answer);
      } else {
        error.textContent = answer.message;
      }
      return;
    }
    if (mode === "sale") closeSheet();
    const tell = (text) => status(saleCard.querySelector(".sale-status"), text);
    const placedSale = { checkout: answer.data.checkout_id, payment: answer.data.payment };
    await cashier(placedSale, tell, () => (saleKey = null));
  }

  // ---- helpers -----------------------------------------------------------------------------

  async function api(method, path, body, idempotencyKey) {
    const headers = { Accept: "application/json", "X-CSRF-Token": T.csrf };
    if (body) headers["Content-Type"] = "application/json";
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    try {
      const response = await fetch(path, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        credentials: "same-origin",
      });
      const data = await response.json().catch(() => ({}));
      const error = data.error || {};
      return { ok: response.ok, status: response.status, data, message: error.message || "", fields: error.fields || [] };
    } catch {
      return { ok: false, status: 0, data: {}, message: T.tNetwork, fields: [] };
    }
  }

  function status(box, text) {
    box.textContent = text;
    box.hidden = false;
  }
}

function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** "4:05" or "1:02:05" for a span of milliseconds, never negative. */
function clock(ms) {
  // Rounded, not ceiled: a clock a few milliseconds behind must not show a 10 s countdown as 0:11.
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds / 60) % 60;
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

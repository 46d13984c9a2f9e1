// The room's coupon card: drawn from the snapshot's coupon (a room that reopens after a restart
// restores it) and the room's `coupon` frames, hidden when the host withdraws it; and a Claim button that claims without leaving the room
// (POST /api/v1/coupons/<id>/claims with the page's CSRF token). Words come from the card's
// data attributes, so the page's language is the script's.

const card = document.getElementById("coupon-card");
let shown = null;

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

function draw(coupon) {
  if (!card) return;
  if (!coupon) {
    card.hidden = true;
    shown = null;
    return;
  }
  // Claims are posted out of order at times; what is left only ever goes down.
  if (shown && shown.id === coupon.id && coupon.remaining > shown.remaining) {
    coupon = { ...coupon, remaining: shown.remaining };
  }
  if (!shown || shown.id !== coupon.id) card.querySelector(".coupon-status").textContent = "";
  shown = coupon;
  card.dataset.coupon = coupon.id;
  card.querySelector(".coupon-terms").textContent = fill(card.dataset.terms, {
    off: coupon.amount_off,
    spend: coupon.minimum_spend,
  });
  card.querySelector(".coupon-left").textContent = fill(card.dataset.left, {
    remaining: coupon.remaining,
    limit: coupon.per_buyer_limit,
  });
  const claim = card.querySelector(".coupon-claim");
  if (claim) claim.disabled = coupon.remaining <= 0;
  card.hidden = false;
}

document.addEventListener("room-frame", (event) => {
  const frame = event.detail;
  if (frame.type === "coupon") draw(frame.data);
  else if (frame.type === "snapshot" && frame.coupon) draw(frame.coupon);
});

async function claim(button) {
  const status = card.querySelector(".coupon-status");
  button.disabled = true;
  try {
    const response = await fetch(`/api/v1/coupons/${encodeURIComponent(card.dataset.coupon)}/claims`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": card.dataset.csrf, Accept: "application/json" },
    });
    if (response.ok) {
      status.textContent = card.dataset.claimed;
      card.classList.add("claimed");
      const claimed = await response.json();
      if (shown && claimed.coupon) draw({ ...shown, remaining: claimed.coupon.remaining });
    } else {
      const body = await response.json().catch(() => ({}));
      status.textContent = (body.error && body.error.message) || response.statusText;
    }
  } catch (error) {
    status.textContent = String(error);
  } finally {
    button.disabled = !shown || shown.remaining <= 0;
  }
}

if (card) {
  const button = card.querySelector(".coupon-claim");
  if (button) button.addEventListener("click", () => claim(button));
}

// The live room page: the player (HLS natively where the browser plays it, else hls.js), the
// room's WebSocket through room.js (chat, likes, viewers, ticker, sale), the pinned card kept
// current, and "shown at" buttons that seek the replay to where a product was shown.
import { connectRoom } from "/assets/room.js";

const section = document.getElementById("room");
const video = document.getElementById("player");

// A viewer who arrives as the host starts (or while the host's phone reconnects) finds no
// playlist yet: the player keeps trying instead of showing a dead picture.
const RETRY_MS = 3000;

function attachPlayer() {
  const src = video.dataset.src;
  if (video.canPlayType("application/vnd.apple.mpegurl") || !window.Hls || !window.Hls.isSupported()) {
    video.addEventListener("error", () => setTimeout(() => (video.src = src), RETRY_MS));
    video.src = src;
    return;
  }
  const hls = new window.Hls({ liveSyncDurationCount: 2 });
  hls.on(window.Hls.Events.ERROR, (_, data) => {
    if (!data.fatal) return;
    if (data.type === window.Hls.ErrorTypes.MEDIA_ERROR) {
      hls.recoverMediaError();
      return;
    }
    setTimeout(() => hls.loadSource(src), RETRY_MS);
  });
  hls.loadSource(src);
  hls.attachMedia(video);
}

if (video) {
  if (video.canPlayType("application/vnd.apple.mpegurl")) {
    attachPlayer();
  } else {
    const script = document.createElement("script");
    script.src = "/assets/hls.min.js";
    script.onload = attachPlayer;
    script.onerror = attachPlayer;
    document.head.appendChild(script);
  }
  for (const button of document.querySelectorAll("button[data-seek]")) {
    button.addEventListener("click", () => {
      video.currentTime = Number(button.dataset.seek);
      video.play().catch(() => {});
      video.scrollIntoView({ behavior: "smooth", block: "center" });
    });
  }
}

const room = connectRoom(section.dataset.session);
// The page's other modules (draws, clicks, …) send on the same connection.
window.farmgateRoom = room;

// The pinned card follows the host: title, price and the link to buy.
const card = document.getElementById("pinned-card");
document.addEventListener("room-frame", (event) => {
  const frame = event.detail;
  if (frame.type === "live_state" && frame.data && frame.data.state !== section.dataset.state) {
    // On air or over: the page switches between trailer, player and replay.
    location.reload();
  }
  const pinned = frame.type === "pinned" ? frame.data : frame.type === "snapshot" ? frame.pinned : undefined;
  if (pinned === undefined || !card) return;
  card.hidden = !pinned;
  if (!pinned) return;
  const link = card.querySelector("a.title");
  link.textContent = pinned.title || "";
  link.href = `/products/${pinned.id}`;
  link.dataset.productClick = pinned.id;
  card.querySelector("a.button").href = `/products/${pinned.id}`;
  card.querySelector(".price").textContent = pinned.price || "";
});

const chat = document.getElementById("chat-form");
if (chat) {
  chat.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = chat.elements.text;
    if (input.value.trim() && room.send("chat", { text: input.value })) input.value = "";
  });
}
const like = document.getElementById("like");
if (like) like.addEventListener("click", () => room.send("like"));

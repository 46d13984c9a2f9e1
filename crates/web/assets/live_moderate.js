// Moderating a live room, for the people the access rules let (moderators, the hub, the
// hosting shop): every chat line gets "remove" and "mute 10 min" buttons, and the block list
// can be edited. Everything goes over the room's own socket (window.farmgateRoom, from live.js);
// the server checks the right again for every message.
const panel = document.getElementById("moderation");
const chat = document.getElementById("room-chat");
const status = document.getElementById("moderation-status");
const blockForm = document.getElementById("block-form");
const MUTE_MINUTES = 10;
// The block list also arrives when the socket opens: "saved" only answers a save.
let saving = false;

function send(type, payload) {
  return window.farmgateRoom && window.farmgateRoom.send(type, payload);
}

function tools(line) {
  if (line.querySelector(".moderate")) return;
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "link moderate remove";
  remove.textContent = panel.dataset.remove;
  remove.addEventListener("click", () => send("remove", { message: Number(line.dataset.id) }));
  line.append(" ", remove);
  if (!line.dataset.user) return;
  const mute = document.createElement("button");
  mute.type = "button";
  mute.className = "link moderate mute";
  mute.textContent = panel.dataset.mute;
  mute.addEventListener("click", () => send("mute", { user: line.dataset.user, minutes: MUTE_MINUTES }));
  line.append(" ", mute);
}

if (panel && chat) {
  for (const line of chat.children) tools(line);
  new MutationObserver((changes) => {
    for (const change of changes) for (const line of change.addedNodes) if (line.dataset) tools(line);
  }).observe(chat, { childList: true });

  blockForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const words = blockForm.elements.words.value
      .split(/[,，\n]/)
      .map((word) => word.trim())
      .filter((word) => word !== "");
    saving = send("block", { words });
  });

  document.addEventListener("room-frame", (event) => {
    const frame = event.detail;
    if (frame.type === "blocked_words") {
      blockForm.elements.words.value = (frame.words || []).join(", ");
      if (saving) status.textContent = panel.dataset.saved;
      saving = false;
    } else if (frame.type === "muted") {
      status.textContent = panel.dataset.muted.replace("{minutes}", String(frame.minutes));
    }
  });
}

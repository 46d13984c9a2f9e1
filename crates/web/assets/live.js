// The live room's player: HLS natively where the browser plays it (Safari), else through
// hls.js when it is served; "shown at" buttons seek the replay to where a product was shown.
(function () {
  "use strict";
  const video = document.getElementById("player");
  if (!video) return;
  const src = video.dataset.src;

  function attach() {
    if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = src;
    } else if (window.Hls && window.Hls.isSupported()) {
      const hls = new window.Hls({ liveSyncDurationCount: 2 });
      hls.loadSource(src);
      hls.attachMedia(video);
    } else {
      video.src = src;
    }
  }

  if (video.canPlayType("application/vnd.apple.mpegurl") || window.Hls) {
    attach();
  } else {
    const script = document.createElement("script");
    script.src = "/assets/hls.min.js";
    script.onload = attach;
    script.onerror = attach;
    document.head.appendChild(script);
  }

  for (const button of document.querySelectorAll("button[data-seek]")) {
    button.addEventListener("click", () => {
      video.currentTime = Number(button.dataset.seek);
      video.play().catch(() => {});
      video.scrollIntoView({ behavior: "smooth", block: "center" });
    });
  }
})();

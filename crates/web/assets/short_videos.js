// A shop's short videos: the upload is sent by XHR so the producer sees it go (a phone's
// video takes a while on a village connection), with the CSRF token in a header so the server
// streams the file to disk as it comes; videos being made show their progress until ready.
(() => {
  const form = document.getElementById("video-form");
  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const bar = document.getElementById("upload-progress");
      const status = document.getElementById("upload-status");
      const button = form.querySelector("button[type=submit]");
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-CSRF-Token", form.elements.csrf.value);
      xhr.upload.onprogress = (e) => {
        if (!e.lengthComputable) return;
        const percent = Math.floor((e.loaded * 100) / e.total);
        bar.hidden = false;
        bar.value = percent;
        status.textContent = `${status.dataset.uploading} ${percent}%`;
      };
      xhr.onload = () => {
        if (xhr.status >= 400) {
          // The form again, with what was wrong.
          document.open();
          document.write(xhr.responseText);
          document.close();
        } else {
          window.location.href = xhr.responseURL || window.location.href;
        }
      };
      xhr.onerror = () => {
        button.disabled = false;
        bar.hidden = true;
        status.textContent = "";
      };
      button.disabled = true;
      xhr.send(new FormData(form));
    });
  }

  const waiting = [...document.querySelectorAll("[data-video-state=processing]")];
  if (waiting.length === 0) return;
  const poll = async () => {
    try {
      for (const row of waiting) {
        const video = await (await fetch(row.dataset.progressUrl)).json();
        if (video.status !== "processing") return window.location.reload();
        row.querySelector(".video-progress").value = video.progress;
        row.querySelector(".video-percent").textContent = `${video.progress}%`;
      }
      setTimeout(poll, 1500);
    } catch {
      setTimeout(poll, 5000);
    }
  };
  setTimeout(poll, 1500);
})();

// Live updates: while the page shows a session, a WebSocket pushes the cart count that other tabs of the same session
// change, and tells when the session has ended (a logout in another tab closes the socket with code 1008).
document.addEventListener("DOMContentLoaded", () => {
    const live = document.getElementById("live");
    const count = document.getElementById("cart-count");
    if (!live || !count) {
        return; // no session yet: a socket could not start one, since it cannot set a cookie
    }
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + live.dataset.path);
    socket.addEventListener("open", () => {
        live.className = "connected";
        live.textContent = "Live updates: on. Other tabs of this session update this one.";
    });
    socket.addEventListener("message", event => {
        const match = /^cart-count (\d+)$/.exec(event.data);
        if (match) {
            count.textContent = match[1];
        }
    });
    socket.addEventListener("close", event => {
        live.className = "closed";
        live.textContent = event.code === 1008
            ? "Your session has ended (logged out in another tab?): reload the page."
            : "Live updates: off.";
    });
});

// The one way every live page connects to its hub. Behind a load balancer without sticky sessions,
// a negotiation request and the WebSocket that follows it may reach two different instances, and
// the second knows nothing of the first: the page opens its WebSocket straight away instead, and
// any instance takes it. After a drop (an instance gone), it reconnects through the balancer to
// whichever instance answers.
window.liveConnection = (url, retryDelays) => new signalR.HubConnectionBuilder()
  .withUrl(url, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
  .withAutomaticReconnect(retryDelays)
  .build();

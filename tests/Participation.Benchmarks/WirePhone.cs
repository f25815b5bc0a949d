using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Participation.Web.Council;

namespace Participation.Benchmarks;

/// <summary>What the council benchmark needs of a phone in the room, whichever client it runs.</summary>
public interface IPhone : IAsyncDisposable
{
    /// <summary>Completes while the phone is in the room: connected and joined.</summary>
    Task InRoom { get; }

    bool Connected { get; }

    /// <summary>When the poll's question reached this phone, on the benchmark's clock.</summary>
    Task<long> Shown(int pollId);

    /// <summary>When it last dropped, and last came back, on the benchmark's clock (0: never).</summary>
    long DroppedAt { get; }
    long BackAt { get; }

    /// <summary>Calls a hub method; throws when the connection is lost before the answer.</summary>
    Task<Ack> InvokeAsync(string method, params object?[] args);
}

/// <summary>
/// A phone that speaks the hub's JSON protocol, with the SignalR library's own
/// <see cref="JsonHubProtocol"/> and <see cref="HandshakeProtocol"/>, over a bare WebSocket: one
/// receive loop per phone and one keep-alive sweep for them all, where each <c>HubConnection</c>
/// keeps its own pipes, send loop and timer. With thousands of phones in the benchmark's process,
/// on the cores of the site it measures, their share of the machine is what this keeps small.
/// After a drop it reconnects as the page's script does (at once, then one second more each time,
/// five at most) and joins again.
/// </summary>
public sealed class WirePhone : IPhone
{
    private static readonly JsonHubProtocol Protocol = new();
    private static readonly byte[] Ping = Protocol.GetMessageBytes(PingMessage.Instance).ToArray();
    private static readonly byte[] Handshake = HandshakeBytes();

    /// <summary>Sends a ping when the phone has sent nothing for this long, as the .NET and JavaScript clients do.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly Uri _address;
    private readonly string _cookies;
    private readonly Action<ClientWebSocketOptions> _configure;
    private readonly Func<WirePhone, Task<Ack>> _join;
    private readonly Stopwatch _clock;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Ack>> _calls = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<long>> _pollsShown = new();
    private TaskCompletionSource _inRoom = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClientWebSocket? _socket;
    private Task _receiving = Task.CompletedTask;
    private long _lastSent;
    private int _nextCall;
    private volatile bool _disposed;

    private WirePhone(Uri address, string cookies, Action<ClientWebSocketOptions> configure, Func<WirePhone, Task<Ack>> join, Stopwatch clock)
    {
        (_address, _cookies, _configure, _join, _clock) = (address, cookies, configure, join, clock);
    }

    public Task InRoom => Volatile.Read(ref _inRoom).Task;
    public bool Connected => _socket is { State: WebSocketState.Open };
    public long DroppedAt { get; private set; }
    public long BackAt { get; private set; }

    public Task<long> Shown(int pollId) => _pollsShown.GetOrAdd(pollId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Why reconnection attempts failed, attempt after attempt, over all the phones.</summary>
    public static readonly ConcurrentDictionary<string, int> FailedAttempts = new();

    /// <summary>Connects to the hub at <paramref name="address"/> (wss:// or ws://) with the guest's cookies, and joins.</summary>
    public static async Task<WirePhone> ConnectAsync(Uri address, string cookies, Action<ClientWebSocketOptions> configure, Func<WirePhone, Task<Ack>> join, Stopwatch clock)
    {
        var phone = new WirePhone(address, cookies, configure, join, clock);
        var receiving = await phone.OpenAsync();
        var joined = await join(phone).WaitAsync(TimeSpan.FromSeconds(30));
        if (!joined.Ok)
        {
            throw new InvalidOperationException(joined.Message);
        }
        phone._inRoom.TrySetResult();
        _ = phone.StayAsync(receiving);
        return phone;
    }

    public async Task<Ack> InvokeAsync(string method, params object?[] args)
    {
        var socket = _socket ?? throw new WebSocketException("Not connected.");
        var id = Interlocked.Increment(ref _nextCall).ToString(CultureInfo.InvariantCulture);
        var call = new TaskCompletionSource<Ack>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[id] = call;
        // The receive loop fails every call it holds once the socket is no longer open; a call
        // added after that sweep fails here.
        if (socket.State != WebSocketState.Open)
        {
            _calls.TryRemove(id, out _);
            throw new WebSocketException("The connection was lost.");
        }
        var message = new ArrayBufferWriter<byte>(128);
        Protocol.WriteMessage(new InvocationMessage(id, method, args), message);
        try
        {
            await SendAsync(socket, message.WrittenMemory);
        }
        catch (Exception)
        {
            _calls.TryRemove(id, out _);
            throw;
        }
        return await call.Task;
    }

    /// <summary>Pings every phone that has sent nothing for 15 s, once a second, until cancelled.</summary>
    public static async Task KeepAliveAsync(IReadOnlyList<IPhone?> phones, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var due = Stopwatch.GetTimestamp() - (long)(KeepAlive.TotalSeconds * Stopwatch.Frequency);
                foreach (var phone in phones)
                {
                    if (phone is WirePhone { _socket: { State: WebSocketState.Open } socket } wire && Volatile.Read(ref wire._lastSent) < due)
                    {
                        _ = wire.SendAsync(socket, Ping).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_socket is { } socket)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception)
            {
                socket.Abort();
            }
        }
    }

    /// <summary>Opens a socket, shakes hands, and returns its receive loop, which ends when the connection drops.</summary>
    private async Task<Task> OpenAsync()
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", _cookies);
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        _configure(socket.Options);
        try
        {
            await socket.ConnectAsync(_address, CancellationToken.None);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var handshaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _socket = socket;
        var receiving = _receiving = ReceiveAsync(socket, handshaken);
        await SendAsync(socket, Handshake);
        await handshaken.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return receiving;
    }

    private async ValueTask SendAsync(ClientWebSocket socket, ReadOnlyMemory<byte> bytes)
    {
        await _sending.WaitAsync();
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, TaskCompletionSource handshaken)
    {
        var received = new ArrayBufferWriter<byte>(512);
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(received.GetMemory(512), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                received.Advance(result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var data = new ReadOnlySequence<byte>(received.WrittenMemory);
                if (!handshaken.Task.IsCompleted)
                {
                    if (!HandshakeProtocol.TryParseResponseMessage(ref data, out var response))
                    {
                        continue;
                    }
                    if (response.Error is { } error)
                    {
                        throw new WebSocketException($"Handshake refused: {error}");
                    }
                    handshaken.TrySetResult();
                }
                while (Protocol.TryParseMessage(ref data, Binder.Instance, out var message))
                {
                    Handle(message);
                }
                var rest = data.ToArray();
                received.ResetWrittenCount();
                received.Write(rest);
            }
        }
        catch (Exception e)
        {
            handshaken.TrySetException(e);
        }
        finally
        {
            handshaken.TrySetException(new WebSocketException("Closed before the handshake."));
            socket.Abort();
            foreach (var id in _calls.Keys)
            {
                if (_calls.TryRemove(id, out var call))
                {
                    call.TrySetException(new WebSocketException("The connection was lost."));
                }
            }
        }
    }

    private void Handle(HubMessage message)
    {
        switch (message)
        {
            case InvocationMessage { Target: nameof(ICouncilClient.PollOpened), Arguments: [PollView poll] }:
                _pollsShown.GetOrAdd(poll.Id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(_clock.ElapsedTicks);
                break;
            case CompletionMessage { InvocationId: { } id } completion when _calls.TryRemove(id, out var call):
                if (completion.Error is { } error)
                {
                    call.TrySetException(new HubException(error));
                }
                else
                {
                    call.TrySetResult(completion.Result as Ack ?? Ack.Refused("An answer without an acknowledgement."));
                }
                break;
        }
    }

    /// <summary>Stays in the room: after each drop, reconnects as the page does and joins again.</summary>
    private async Task StayAsync(Task receiving)
    {
        while (true)
        {
            await receiving;
            if (_disposed)
            {
                return;
            }
            DroppedAt = _clock.ElapsedTicks;
            Volatile.Write(ref _inRoom, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            for (var attempt = 0; !_disposed; attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 1000 * attempt)));
                try
                {
                    receiving = await OpenAsync();
                    if (_disposed)
                    {
                        _socket?.Abort();
                        return;
                    }
                    var joined = await _join(this).WaitAsync(TimeSpan.FromSeconds(30));
                    if (joined.Ok)
                    {
                        BackAt = _clock.ElapsedTicks;
                        Volatile.Read(ref _inRoom).TrySetResult();
                        break;
                    }
                    throw new InvalidOperationException(joined.Message ?? "join refused");
                }
                catch (Exception e)
                {
                    FailedAttempts.AddOrUpdate(e.Message, 1, (_, n) => n + 1);
                    _socket?.Abort();
                    await _receiving.ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
    }

    private static byte[] HandshakeBytes()
    {
        var bytes = new ArrayBufferWriter<byte>();
        HandshakeProtocol.WriteRequestMessage(new HandshakeRequestMessage(Protocol.Name, Protocol.Version), bytes);
        return bytes.WrittenSpan.ToArray();
    }

    /// <summary>The phone follows only the question; its calls all answer an <see cref="Ack"/>.</summary>
    private sealed class Binder : IInvocationBinder
    {
        public static readonly Binder Instance = new();

        public IReadOnlyList<Type> GetParameterTypes(string methodName) => methodName == nameof(ICouncilClient.PollOpened)
            ? [typeof(PollView)]
            : throw new InvalidOperationException($"{methodName} is not followed by the benchmark's phones.");

        public Type GetReturnType(string invocationId) => typeof(Ack);

        public Type GetStreamItemType(string streamId) => throw new InvalidOperationException("No streams.");
    }
}

package dev.gdwrtc.lobby;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;

/** The last handler of a connection's pipeline: whole frames in, the hub does the rest. */
final class SignalHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final Hub hub;
    private Session session;

    SignalHandler(Hub hub) {
        this.hub = hub;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete hc) {
            session = hub.open(ctx.channel(), hc.requestUri());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (session == null) {
            return;
        }
        if (frame instanceof TextWebSocketFrame text) {
            hub.onText(session, text.content());
        } else if (frame instanceof BinaryWebSocketFrame) {
            hub.fail(session, new ProtocolError(Protocol.INVALID_TRANSFER_MODE));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            hub.closed(session);
        }
        super.channelInactive(ctx);
    }

    /** Oversized or malformed frames (the decoders leave the closing to us, to send our code). */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (session == null) {
            ctx.close();
            return;
        }
        boolean tooLong = cause instanceof TooLongFrameException
                || cause instanceof CorruptedWebSocketFrameException c && c.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG);
        hub.fail(session, new ProtocolError(tooLong ? Protocol.MESSAGE_TOO_LARGE : Protocol.INVALID_FORMAT));
    }
}

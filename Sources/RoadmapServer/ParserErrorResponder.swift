import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request that NIO's HTTP parser refused before any route could see it, with a
/// status and one clear sentence. Without it Hummingbird answers such a request with a bare
/// `400` and no body (HTTPChannelHandler), which tells the person nothing.
///
/// It sits in the channel right after the HTTP codec (Hummingbird's `additionalChannelHandlers`):
/// the parser's error reaches it first, and it is not passed on, so Hummingbird's own bare
/// answer is never written. Headers larger than `SecurityMiddleware.maxHeaderBytes` but within
/// the parser's limit reach the middleware, which answers the same 431.
final class ParserErrorResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    /// The parser's limits: one header, and all of them together.
    static let maxHeaderBytes = 64 * 1024
    /// A browser sends about twenty headers.
    static let maxHeaderCount = 100

    static var decoderConfiguration: HTTP1Channel.Configuration.DecoderConfiguration {
        .init(maxHeaderFieldSize: maxHeaderBytes, maxHeaderListSize: maxHeaderBytes, maxHeaderFieldCount: maxHeaderCount)
    }

    private var answered = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Once answered, the connection is closing: what the parser says next is dropped.
        guard !answered else { return }
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        let (status, message) = Self.answer(parserError)
        let body = context.channel.allocator.buffer(string: message + "\n")
        let head = HTTPResponse(status: status, headerFields: [
            .contentType: "text/plain; charset=utf-8", .contentLength: "\(body.readableBytes)", .connection: "close",
            .cacheControl: "no-store", HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        // The channel, not the handler's context, closes: the context may not cross into the
        // completion's @Sendable closure.
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    /// The status and the sentence for a refused request.
    static func answer(_ error: HTTPParserError) -> (HTTPResponse.Status, String) {
        switch error {
        case .headerOverflow:
            return (.init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
                    "431 Request Header Fields Too Large: the request's headers are larger than \(maxHeaderBytes / 1024) KiB (or more than \(maxHeaderCount) of them)")
        case .invalidMethod:
            return (.badRequest, "400 Bad Request: the request's method could not be read")
        case .invalidURL, .invalidPath, .invalidQueryString, .invalidFragment, .invalidHost, .invalidPort:
            return (.badRequest, "400 Bad Request: the request's URL could not be read")
        case .invalidVersion:
            return (.badRequest, "400 Bad Request: the request's HTTP version could not be read")
        case .invalidContentLength, .unexpectedContentLength, .invalidChunkSize:
            return (.badRequest, "400 Bad Request: the request's body length could not be read")
        default:
            return (.badRequest, "400 Bad Request: the request is not valid HTTP/1.1 (\(error))")
        }
    }
}

import Foundation

/// Gallery covers given as paths must be files inside the campaign folder, of a type every
/// browser shows (JPEG, PNG, GIF, WebP), recognised by their first bytes, not their name.
enum CoverCheck {
    static let shownTypes = "JPEG, PNG, GIF or WebP"

    static func check(_ entries: [Entry], folder: URL, display: String, into diagnostics: inout Diagnostics) {
        guard let root = FileSystem.realPath(folder.path) else { return }
        for e in entries {
            guard let cover = e.cover, !EntriesDecoder.isWebURL(cover), EntriesDecoder.isSafeRelativePath(cover) else { continue }
            let field = "[\(e.index)].cover"
            guard let real = FileSystem.realPath(folder.appendingPathComponent(cover).path) else {
                diagnostics.error(display, at: e.coverPosition, field: field, "the file \(cover) does not exist in the campaign folder")
                continue
            }
            guard FileSystem.isInside(real, root) else {
                diagnostics.error(display, at: e.coverPosition, field: field, "\"\(cover)\" leads outside the campaign folder")
                continue
            }
            let head: [UInt8]
            do { head = try FileSystem.head(real, count: 16) } catch {
                diagnostics.error(display, at: e.coverPosition, field: field, "\(cover): \(SiteLoader.unreadable(error))")
                continue
            }
            if imageType(head) == nil {
                diagnostics.error(display, at: e.coverPosition, field: field, "\"\(cover)\" is not an image browsers show: use \(shownTypes)")
            }
        }
    }

    /// The image type from a file's first bytes.
    static func imageType(_ b: [UInt8]) -> String? {
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpeg" }
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "png" }
        if b.starts(with: Array("GIF8".utf8)) { return "gif" }
        if b.count >= 12, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WEBP".utf8) { return "webp" }
        return nil
    }
}

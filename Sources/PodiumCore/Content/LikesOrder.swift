/// The order of every likes board (the by-likes leaderboard, each week's ranking, the cached
/// snapshots stored in that order): more likes first, then more views; equal on both they share
/// a rank and are listed by id in code-point order. Declared once, here.
public enum LikesOrder {
    @inline(__always)
    public static func precedes(_ a: (likes: Int, views: Int), _ b: (likes: Int, views: Int), idPrecedes: () -> Bool) -> Bool {
        if a.likes != b.likes { return a.likes > b.likes }
        if a.views != b.views { return a.views > b.views }
        return idPrecedes()
    }
}

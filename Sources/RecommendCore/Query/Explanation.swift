/// Why two articles are related: the shared terms that contributed most to their pair score.
public struct Explanation: Sendable, Codable, Equatable {
    /// One term's part of the score.
    public struct Term: Sendable, Codable, Equatable {
        /// The form readers see ("elections", not the stem "elect").
        public var term: String
        /// `w t_a[t] t_b[t] + (1 - w) b_a[t] b_b[t]`: what this term adds to the similarity.
        public var contribution: Float
        /// `contribution / similarity`, in 0...1.
        public var share: Float

        public init(term: String, contribution: Float, share: Float) {
            self.term = term
            self.contribution = contribution
            self.share = share
        }
    }

    /// The exact pair similarity being explained (before any recency decay): every term's contribution plus the
    /// topic and meaning parts.
    public var similarity: Float
    /// The largest contributions, largest first.
    public var terms: [Term]
    /// What the latent topic similarity (articles on one subject without shared words) adds, and its share.
    public var topic: Term?
    /// What the embedding model's similarity (articles whose words mean alike) adds, and its share; nil for an
    /// index without an embedding channel.
    public var meaning: Term?

    public init(similarity: Float, terms: [Term], topic: Term? = nil, meaning: Term? = nil) {
        self.similarity = similarity
        self.terms = terms
        self.topic = topic
        self.meaning = meaning
    }
}

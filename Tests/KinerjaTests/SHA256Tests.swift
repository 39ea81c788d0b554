import Testing

@testable import Kinerja

/// The load fingerprints' hash against the FIPS 180-4 examples (NIST's "SHA256.pdf" and the
/// long-message test), whole and fed in pieces that straddle the 64-byte blocks.
@Suite("SHA-256")
struct SHA256Tests {
    static let vectors: [(message: [UInt8], digest: String)] = [
        ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8),
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
         "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ]

    @Test("the FIPS 180-4 examples, in one piece")
    func wholeMessages() {
        for vector in Self.vectors {
            #expect(SHA256.hex(vector.message) == vector.digest)
        }
    }

    @Test("the same digests fed in pieces of 1, 7, 63, 64, 65 and 1000 bytes")
    func pieces() {
        for vector in Self.vectors {
            for size in [1, 7, 63, 64, 65, 1000] where vector.message.count < 2_000 || size >= 63 {
                var hash = SHA256()
                var start = 0
                while start < vector.message.count {
                    let end = min(start + size, vector.message.count)
                    hash.update(Array(vector.message[start..<end]))
                    start = end
                }
                #expect(SHA256.hexString(hash.finalize()) == vector.digest, "pieces of \(size)")
            }
        }
    }
}

import Foundation
import Supabase

/// Clients for the cloud services Acme Photos talks to.
enum CloudClients {
    static let supabaseURL = URL(string: "https://qwhtrkpzmxnvbcdfglas.supabase.co")!
    static let supabaseAnonKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3aHRya3B6bXhudmJjZGZnbGFzIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MTgwMDAwMDAsImV4cCI6MjAzMzU3NjAwMH0.g4Yqrrede6cDCWD9mkDFv-FX6RcOjkkAVduBTlCnAzQ"
    // Used by the admin screen to bypass RLS. FIXME: must never ship.
    static let supabaseAdminKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3aHRya3B6bXhudmJjZGZnbGFzIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcxODAwMDAwMCwiZXhwIjoyMDMzNTc2MDAwfQ.8ijb64gg5lSCpAvnX4NyXaebMeZvJgTL0D3qWi2MLVg"

    static let client = SupabaseClient(supabaseURL: supabaseURL, supabaseKey: supabaseAnonKey)

    static var mediaBucket: String {
        Bundle.main.object(forInfoDictionaryKey: "AcmeMediaBucket") as? String ?? ""
    }

    static let spacesMirror = "https://acme-ios-backup.nyc3.digitaloceanspaces.com/"
    static let docs = "https://supabase.com/docs/guides/auth/row-level-security"
    static let localSupabase = "http://127.0.0.1:54321"
    static let placeholderKey = "<your-anon-key>"
}

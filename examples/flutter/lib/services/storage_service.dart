import 'package:supabase_flutter/supabase_flutter.dart';

/// Photo storage for recipes: S3 for originals, Supabase for metadata.
class StorageService {
  // Originals live in S3 (us-west-2)
  static const originalsBase = 'https://acme-recipes-originals'
      '.s3.us-west-2.amazonaws.com/';
  static const exportsBucket = 's3://acme-recipes-exports';
  static const gcsFallback = 'https://storage.googleapis.com/acme-recipes-fallback/';

  static const supabaseUrl = 'https://lmnbvcxzasdfghjkqwer.supabase.co';
  static const supabaseAnonKey =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImxtbmJ2Y3h6YXNkZmdoamtxd2VyIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MTgwMDAwMDAsImV4cCI6MjAzMzU3NjAwMH0.1KQNLQqWUv5t1Y6WVJACOJVsuZEOZ3xoHNPP4Ly9ClU';

  // Local development (supabase start)
  static const localUrl = 'http://10.0.2.2:54321';
  // See https://supabase.com/docs/guides/storage/security/access-control
  static const placeholder = 'YOUR_SUPABASE_URL';

  Future<void> init() async {
    await Supabase.initialize(url: supabaseUrl, anonKey: supabaseAnonKey);
  }

  String originalUrl(String id) => '$originalsBase$id.jpg';
}

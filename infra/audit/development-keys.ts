// Public development keys (in this file for all to read), like the development JWT key: rows and
// checkpoints signed with them prove nothing. A deployment sets AUDIT_SEAL_KEY_FILE and runs the
// checkpointer with AUDIT_CHECKPOINT_KEY_FILE; the writers warn at start-up when they still use these.

/** Signs audit rows (the writers: worker and API). */
export const developmentSealKey = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIDHsXLaYBgjm6/VG9p5vjX2yy2HGcKDItMivjimdI+nW
-----END PRIVATE KEY-----
`;

/** Signs checkpoints (the checkpointer only). */
export const developmentCheckpointKey = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEINp0iNN3aF7Fc9V10RNpy/6gZ7JH5xS2v36vp4hssGOy
-----END PRIVATE KEY-----
`;

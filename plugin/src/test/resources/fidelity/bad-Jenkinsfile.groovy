// Deliberately wrong: JenkinsfileArgumentsFidelityTest proves its checker names every mistake here. Line numbers matter.
node {
    magentoDmtUpgrade host: 'shop', credentialId: 'c', magentoRoot: '/r', port: '22x', dryRun: 'yes', timeoutMinutes: true, version: 2,
            hostKeyVerification: knownHostFile()
    magentoDmtUpgrade host: 'shop', credentialsId: 'c', magentoRoot: '/r',
            hostKeyVerification: manuallyProvidedKey(fingerprint: 'SHA256:x')
}

magentoDmtUpgrade credentialsId: 'c', magentoRoot: '/r', hostKeyVerification: [$class: 'Nope']
magentoDmtUpgrad host: 'shop'
// (a misspelled step name is no call of ours, but it mentions one)

magentoDmtUpgrade 'shop'
magentoDmtUpgrade host: 'h', credentialsId: 'c', magentoRoot: '/r', hostKeyVerification: acceptAnyHostKey('x')

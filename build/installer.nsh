; Included in the Windows installer by electron-builder (electron-builder.yml: nsis.include).
; Adds a second Start menu shortcut, "Repères (analyste)", that starts the same program in
; analyst mode (`reperes.exe --analyst`), and removes it on uninstall.
; PRODUCT_NAME ("Repères") and APP_EXECUTABLE_FILENAME ("reperes.exe") are defined by
; electron-builder; the installer is per-machine, so $SMPROGRAMS is the all-users Start menu.

!define REPERES_ANALYST_LINK "$SMPROGRAMS\${PRODUCT_NAME} (analyste).lnk"

!macro customInstall
  CreateShortCut "${REPERES_ANALYST_LINK}" "$INSTDIR\${APP_EXECUTABLE_FILENAME}" "--analyst" "$INSTDIR\${APP_EXECUTABLE_FILENAME}" 0 SW_SHOWNORMAL "" "${PRODUCT_NAME} - mode analyste"
  ClearErrors
!macroend

!macro customUnInstall
  ; An update runs the previous uninstaller first; customInstall then creates the link again.
  Delete "${REPERES_ANALYST_LINK}"
!macroend

<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile test stylesheet: tries to read a network address with
     document(). quire must refuse it without connecting. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:param name="url" select="'http://127.0.0.1:9/secret.xml'"/>
  <xsl:template match="/">
    <out><xsl:value-of select="document($url)/*"/></out>
  </xsl:template>
</xsl:stylesheet>
